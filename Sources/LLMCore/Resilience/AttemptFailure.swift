/// Which client-side time limit fired.
public enum TimeoutKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// DNS + TCP + TLS to the server.
    case connect
    /// From the start of the attempt until the first text delta.
    case firstToken = "first-token"
    /// The longest gap between received chunks once text has started.
    case idle
    /// The whole call: every attempt, every backoff wait, every fallback model.
    case total

    /// The command-line flag that sets this limit.
    public var flag: String { self == .total ? "--timeout" : "--\(rawValue)-timeout" }
}

/// One failed attempt as the resilience policy sees it: what went wrong, and whether text had been shown.
///
/// LLMCore cannot see transport or client error types, so the executor translates them into this.
public struct AttemptFailure: Sendable, Hashable {
    /// What went wrong, coarse enough to decide a retry and a circuit-breaker signal.
    public enum Cause: Sendable, Hashable {
        case provider(ProviderError)
        /// A transport failure; `retryable` when a fresh connection could succeed (DNS, connect, reset).
        case transport(retryable: Bool)
        case timeout(TimeoutKind)
        /// The endpoint's circuit breaker refused the attempt without sending it.
        case circuitOpen
        case cancelled
        /// Anything else (a config error, a bug): never retried.
        case other
    }

    /// What went wrong.
    public var cause: Cause
    /// True once any text delta of this attempt reached the caller; a retry would duplicate it.
    public var outputShown: Bool

    public init(_ cause: Cause, outputShown: Bool = false) {
        self.cause = cause
        self.outputShown = outputShown
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// The duration in milliseconds, as a Double.
    public var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
