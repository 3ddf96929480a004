/// A failure to reach or talk to a server, as the transport classified it.
public enum NetworkFailureKind: String, Sendable, Hashable, Codable {
    case resolve, connect, timeout, tls, connectionLost, invalidRequest, engineStopped, other

    /// Whether a new attempt on a fresh connection could succeed.
    public var isRetryable: Bool {
        switch self {
        case .resolve, .connect, .timeout, .connectionLost: true
        case .tls, .invalidRequest, .engineStopped, .other: false
        }
    }
}

/// How one attempt ended. Written into stats, `--json` and batch lines as its description
/// (`ok`, `HTTP 503: overloaded`, `connectionLost`, `first-token timeout`, `circuit open` …).
public enum AttemptOutcome: Sendable, Hashable, Codable, CustomStringConvertible {
    case ok
    case cancelled
    /// The provider answered with an error: an HTTP status, or an error inside the stream (no status).
    case provider(ProviderError.Category, status: Int?)
    case network(NetworkFailureKind)
    /// A client-side time limit fired (`connect`, `first-token`, `idle`, `total`).
    case timeout(String)
    /// The circuit breaker refused the attempt; nothing was sent.
    case circuitOpen
    /// Anything else (a configuration problem found late, a bug).
    case error

    public var description: String {
        switch self {
        case .ok: "ok"
        case .cancelled: "cancelled"
        case .provider(let category, let status): status.map { "HTTP \($0): \(category.rawValue)" } ?? category.rawValue
        case .network(let kind): kind.rawValue
        case .timeout(let limit): "\(limit) timeout"
        case .circuitOpen: "circuit open"
        case .error: "error"
        }
    }

    /// False when the attempt never left llmctl (an open circuit refused it).
    public var wasSent: Bool { self != .circuitOpen }

    /// Reads a description back (session files keep stats); unknown text reads as `.error`.
    public init(description text: String) {
        switch text {
        case "ok": self = .ok
        case "cancelled": self = .cancelled
        case "circuit open": self = .circuitOpen
        case "error": self = .error
        default:
            if text.hasSuffix(" timeout") {
                self = .timeout(String(text.dropLast(" timeout".count)))
            } else if let kind = NetworkFailureKind(rawValue: text) {
                self = .network(kind)
            } else if text.hasPrefix("HTTP "), let colon = text.firstIndex(of: ":"),
                      let status = Int(text[text.index(text.startIndex, offsetBy: 5)..<colon]),
                      let category = ProviderError.Category(rawValue: String(text[text.index(colon, offsetBy: 2)...])) {
                self = .provider(category, status: status)
            } else if let category = ProviderError.Category(rawValue: text) {
                self = .provider(category, status: nil)
            } else {
                self = .error
            }
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init(description: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
