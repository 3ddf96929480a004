/// What to do after a failed attempt.
public enum RetryAction: Sendable, Hashable {
    /// Wait this long, then send the request again.
    case retry(after: Duration)
    /// Stop retrying this model; the failure stands.
    case fail(RetryStop)
}

/// Why retrying stopped.
public enum RetryStop: Sendable, Hashable {
    /// The failure is not one a retry can fix (400, 401, quota, a bad URL …).
    case notRetryable
    /// Text had been shown; sending again would print it twice.
    case outputShown
    case cancelled
    /// Every allowed attempt was used.
    case attemptsExhausted(Int)
    /// The server asked for a longer wait than what is left of the wait budget.
    case retryAfterTooLong(requested: Duration, budget: Duration)
    /// The waits already add up to the budget.
    case waitBudgetSpent(Duration)
    /// The total timeout would pass before the wait ends.
    case deadline

    /// A stderr note explaining the stop, or nil when the error message says enough.
    public var note: String? {
        switch self {
        case .notRetryable, .cancelled, .deadline: nil
        case .outputShown: "not retrying: part of the reply was already shown, and a retry would repeat it"
        case .attemptsExhausted(let n): "giving up after \(n) attempt\(n == 1 ? "" : "s")"
        case .retryAfterTooLong(let requested, let budget):
            "not retrying: the server asked to wait \(RetryStop.format(requested)), "
                + "more than the \(RetryStop.format(budget)) left of the retry wait budget"
        case .waitBudgetSpent(let budget): "not retrying: the retry waits reached their \(RetryStop.format(budget)) budget"
        }
    }

    /// `250 ms` under a second, `1.2 s` under 10 s, `28 s` above.
    public static func format(_ d: Duration) -> String {
        let s = d.inSeconds
        if s < 1 { return "\(Int((s * 1000).rounded())) ms" }
        if s < 10 { return String(Double((s * 10).rounded()) / 10) + " s" }
        return "\(Int(s.rounded())) s"
    }
}

/// The retry decisions for one model in one request, as a value-type state machine.
///
/// Feed it each failure with a random number (uniform in 0..<1) and how much of the total timeout is
/// left; it answers with an action and keeps count. It never sleeps: the executor performs the wait.
public struct RetryState: Sendable, Hashable {
    /// The limits it decides by.
    public let policy: RetryPolicy
    /// Attempts that have failed so far.
    public private(set) var failedAttempts = 0
    /// The sum of the waits this state has asked for.
    public private(set) var waited: Duration = .zero

    public init(policy: RetryPolicy) {
        self.policy = policy
    }

    /// The number of the attempt a `.retry` leads to (1-based).
    public var nextAttempt: Int { failedAttempts + 1 }

    /// Records a failed attempt and decides what comes next.
    public mutating func next(after failure: AttemptFailure, random: Double, timeLeft: Duration? = nil) -> RetryAction {
        failedAttempts += 1
        if failure.cause == .cancelled { return .fail(.cancelled) }
        // Before anything else: a retry after text was shown would duplicate output.
        if failure.outputShown { return .fail(.outputShown) }
        guard RetryPolicy.isRetryable(failure.cause) else { return .fail(.notRetryable) }
        guard failedAttempts < policy.maxAttempts else { return .fail(.attemptsExhausted(failedAttempts)) }

        let budget = policy.maxTotalWait - waited
        var delay: Duration
        if case .provider(let error) = failure.cause, let requested = error.retryAfter, requested > 0 {
            let asked = Duration.seconds(requested)
            guard asked <= budget else { return .fail(.retryAfterTooLong(requested: asked, budget: budget)) }
            delay = asked
        } else {
            guard budget > .zero else { return .fail(.waitBudgetSpent(policy.maxTotalWait)) }
            delay = min(policy.backoff(retriesTaken: failedAttempts - 1, random: random), budget)
        }
        if let timeLeft, delay >= timeLeft { return .fail(.deadline) }
        waited += delay
        return .retry(after: delay)
    }
}
