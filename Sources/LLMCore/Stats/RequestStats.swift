/// Which connection a request used and what setting it up cost.
public struct ConnectionStats: Codable, Sendable, Hashable {
    /// True when the request ran on a pooled connection (no DNS, TCP or TLS).
    public var reused: Bool
    /// `1.1`, `2`, … as negotiated.
    public var httpVersion: String
    public var dnsMs: Double
    public var connectMs: Double
    public var tlsMs: Double
    /// Time from sending the request to the first response byte.
    public var firstByteMs: Double
    public var localPort: Int
    public var remoteIP: String

    public init(reused: Bool, httpVersion: String, dnsMs: Double = 0, connectMs: Double = 0, tlsMs: Double = 0,
                firstByteMs: Double = 0, localPort: Int = 0, remoteIP: String = "") {
        self.reused = reused
        self.httpVersion = httpVersion
        self.dnsMs = dnsMs
        self.connectMs = connectMs
        self.tlsMs = tlsMs
        self.firstByteMs = firstByteMs
        self.localPort = localPort
        self.remoteIP = remoteIP
    }

    enum CodingKeys: String, CodingKey {
        case reused, httpVersion = "http_version", dnsMs = "dns_ms", connectMs = "connect_ms", tlsMs = "tls_ms"
        case firstByteMs = "first_byte_ms", localPort = "local_port", remoteIP = "remote_ip"
    }
}

/// One try at a request, as the retry policy saw it.
public struct AttemptRecord: Codable, Sendable, Hashable {
    public var model: String
    /// How the attempt ended.
    public var outcome: AttemptOutcome
    public var status: Int?
    /// How long the policy waited before this attempt.
    public var waitedMs: Double
    public var reusedConnection: Bool?

    public init(model: String, outcome: AttemptOutcome, status: Int? = nil, waitedMs: Double = 0, reusedConnection: Bool? = nil) {
        self.model = model
        self.outcome = outcome
        self.status = status
        self.waitedMs = waitedMs
        self.reusedConnection = reusedConnection
    }

    enum CodingKeys: String, CodingKey {
        case model, outcome, status, waitedMs = "waited_ms", reusedConnection = "reused_connection"
    }
}

/// Where the time of one reply went, and which connection carried it.
public struct RequestStats: Codable, Sendable, Hashable {
    public var provider: String
    public var model: String
    /// Time to first token: from starting the request to the first delta of any kind (reasoning, text
    /// or a tool call); nil if none came.
    public var ttftMs: Double?
    /// Time to the first answer text; later than `ttftMs` when the model reasoned first.
    public var firstTextMs: Double?
    public var totalMs: Double
    public var outputTokens: Int?
    /// Output tokens per second of generation (after the first token).
    public var tokensPerSecond: Double?
    public var connection: ConnectionStats?
    public var attempts: [AttemptRecord]

    public init(provider: String, model: String, ttftMs: Double? = nil, firstTextMs: Double? = nil, totalMs: Double = 0,
                outputTokens: Int? = nil, tokensPerSecond: Double? = nil, connection: ConnectionStats? = nil,
                attempts: [AttemptRecord] = []) {
        self.provider = provider
        self.model = model
        self.ttftMs = ttftMs
        self.firstTextMs = firstTextMs
        self.totalMs = totalMs
        self.outputTokens = outputTokens
        self.tokensPerSecond = tokensPerSecond
        self.connection = connection
        self.attempts = attempts
    }

    /// Generation speed: tokens after the first over the time after the first (whole time if only one token).
    public static func tokensPerSecond(tokens: Int?, ttftMs: Double?, totalMs: Double) -> Double? {
        guard let tokens, tokens > 0 else { return nil }
        let span = (totalMs - (ttftMs ?? 0)) / 1000
        // A burst that arrived at once (a local mock, a cached reply) has no meaningful generation span.
        if tokens > 1, span > 0, span * 1000 >= totalMs * 0.1 { return Double(tokens - 1) / span }
        return totalMs > 0 ? Double(tokens) / (totalMs / 1000) : nil
    }

    enum CodingKeys: String, CodingKey {
        case provider, model, ttftMs = "ttft_ms", firstTextMs = "first_text_ms", totalMs = "total_ms", outputTokens = "output_tokens"
        case tokensPerSecond = "tokens_per_s", connection, attempts
    }
}
