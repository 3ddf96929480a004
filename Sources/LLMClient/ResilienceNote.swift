import CurlTransport
import LLMCore

/// Something the resilient executor wants the user to know while it works (printed on stderr by the CLI).
public enum ResilienceNote: Sendable, Hashable, CustomStringConvertible {
    /// `HTTP 429 from openai, retrying in 1.2 s (attempt 2 of 3)`.
    case retrying(model: ModelRef, endpoint: String, reason: String, delay: Duration, attempt: Int, of: Int)
    /// Retries of a model stopped early, and why.
    case stopped(model: ModelRef, RetryStop)
    /// The endpoint's circuit is open (just opened, or found open while retrying).
    case circuitOpen(BreakerSnapshot)
    /// A model failed before its first token; the next candidate is tried.
    case fallingBack(from: ModelRef, reason: String, to: ModelRef)

    /// The note as one line, without the `llmctl: ` prefix.
    public var description: String {
        switch self {
        case let .retrying(_, endpoint, reason, delay, attempt, total):
            "\(reason) from \(endpoint), retrying in \(RetryStop.format(delay)) (attempt \(attempt) of \(total))"
        case let .stopped(model, stop):
            "\(model): " + (stop.note ?? "not retrying")
        case .circuitOpen(let snapshot):
            snapshot.message()
        case let .fallingBack(from, reason, to):
            "\(from) failed (\(reason)); trying \(to)"
        }
    }
}

/// Translates client and transport errors into what the resilience policy understands.
public enum FailureClassifier {
    /// The policy's view of an error.
    public static func cause(of error: any Error) -> AttemptFailure.Cause {
        switch error {
        case is CancellationError: .cancelled
        case let e as ProviderError: .provider(e)
        case let e as TransportError: .transport(retryable: e.isRetryable)
        case let e as TimeoutError: e.kind.map { .timeout($0) } ?? .other
        case is CircuitOpenError: .circuitOpen
        default: .other
        }
    }

    /// A few words for retry notes: `HTTP 429`, `connection lost`, `first-token timeout (5 s)`.
    public static func shortReason(_ error: any Error) -> String {
        switch error {
        case let e as ProviderError:
            if let status = e.status { return "HTTP \(status)" }
            if e.category == .streamError { return "stream error" + (e.providerCode.map { " \($0)" } ?? "") }
            return e.category == .truncated ? "a cut-off stream" : e.category.rawValue
        case let e as TransportError:
            switch e.kind {
            case .resolve: return "DNS failure"
            case .connect: return "connection failure"
            case .timeout: return "timeout"
            case .connectionLost: return "connection lost"
            default: return e.kind.rawValue
            }
        case let e as TimeoutError: return "\(e.limit) timeout (\(TimeoutError.format(e.seconds)))"
        case is CircuitOpenError: return "circuit open"
        default: return "error"
        }
    }
}
