import LLMCore

/// Why a chat request failed, typed once in LLMClient so that everything above reads its message, exit
/// status, `--json` kind and retry classification from properties instead of matching error types.
public struct ChatError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Cause: Sendable, Hashable {
        /// The provider answered with an error (HTTP status or in-stream error).
        case provider(ProviderError)
        /// The server could not be reached or the connection broke.
        case network(NetworkFailureKind, message: String)
        /// A client-side time limit fired.
        case timeout(TimeoutError)
        /// The circuit breaker refused the attempt without sending it.
        case circuitOpen(CircuitOpenError)
        /// A configuration problem found while preparing the request (a key command that failed …).
        case config(ConfigError)
        /// The user cancelled (Ctrl-C) or the caller's task was cancelled.
        case cancelled
        /// Anything else: a bug or an unexpected local failure.
        case other(String)
    }

    public var cause: Cause

    public init(_ cause: Cause) { self.cause = cause }

    /// One line that says what happened and what to do.
    public var message: String {
        switch cause {
        case .provider(let e): e.message
        case .network(_, let message): message
        case .timeout(let e): e.message
        case .circuitOpen(let e): e.message
        case .config(let e): e.message
        case .cancelled: "interrupted"
        case .other(let text): text
        }
    }

    public var description: String { message }

    /// The documented exit code.
    public var exitStatus: ExitStatus {
        switch cause {
        case .provider(let e): e.exitStatus
        // Nothing was sent after an open circuit: like an unreachable provider.
        case .network, .timeout, .circuitOpen: .network
        case .config(let e): e.exitStatus
        case .cancelled: .interrupted
        case .other: .failure
        }
    }

    /// The machine-readable class in `--json` errors: `auth`, `rate_limited`, `network`, `timeout` …
    public var kind: String {
        switch cause {
        case .provider(let e): e.category.rawValue
        case .network(let failure, _): failure == .timeout ? "timeout" : "network"
        case .timeout: "timeout"
        case .circuitOpen: "circuit_open"
        case .config: "config"
        case .cancelled: "interrupted"
        case .other: "error"
        }
    }

    /// The HTTP status, when the provider answered with one.
    public var httpStatus: Int? {
        if case .provider(let e) = cause { e.status } else { nil }
    }

    /// True when the user or the caller cancelled.
    public var isCancellation: Bool { cause == .cancelled }

    /// How the attempt that failed ended, for stats.
    public var outcome: AttemptOutcome {
        switch cause {
        case .provider(let e): .provider(e.category, status: e.status)
        case .network(let kind, _): .network(kind)
        case .timeout(let e): .timeout(e.limit)
        case .circuitOpen: .circuitOpen
        case .cancelled: .cancelled
        case .config, .other: .error
        }
    }

    /// The resilience policy's view of this error.
    public var policyCause: AttemptFailure.Cause {
        switch cause {
        case .provider(let e): .provider(e)
        case .network(let kind, _): .transport(retryable: kind.isRetryable)
        case .timeout(let e): e.kind.map { .timeout($0) } ?? .other
        case .circuitOpen: .circuitOpen
        case .cancelled: .cancelled
        case .config, .other: .other
        }
    }

    /// A few words for retry notes: `HTTP 429`, `connection lost`, `first-token timeout (5 s)`.
    public var shortReason: String {
        switch cause {
        case .provider(let e):
            if let status = e.status { return "HTTP \(status)" }
            if e.category == .streamError { return "stream error" + (e.providerCode.map { " \($0)" } ?? "") }
            return e.category == .truncated ? "a cut-off stream" : e.category.rawValue
        case .network(let kind, _):
            switch kind {
            case .resolve: return "DNS failure"
            case .connect: return "connection failure"
            case .timeout: return "timeout"
            case .connectionLost: return "connection lost"
            default: return kind.rawValue
            }
        case .timeout(let e): return "\(e.limit) timeout (\(TimeoutError.format(e.seconds)))"
        case .circuitOpen: return "circuit open"
        case .config: return "configuration error"
        case .cancelled: return "cancelled"
        case .other: return "error"
        }
    }
}
