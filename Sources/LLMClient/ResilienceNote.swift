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

