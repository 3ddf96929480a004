/// When an endpoint's circuit opens and how long it stays open.
public struct BreakerPolicy: Sendable, Hashable {
    /// Consecutive failed attempts that open the circuit; 0 turns the breaker off.
    public var threshold: Int
    /// How long an open circuit fails fast before letting one probe through.
    public var cooldown: Duration
    /// A request refused by an open circuit waits for the half-open probe's outcome and then makes its
    /// own attempt, instead of failing fast (batch: an item is not failed by another item's errors).
    public var waitForProbe: Bool

    public init(threshold: Int = 5, cooldown: Duration = .seconds(30), waitForProbe: Bool = false) {
        self.threshold = max(0, threshold)
        self.cooldown = cooldown
        self.waitForProbe = waitForProbe
    }

    /// False when the threshold is 0.
    public var isEnabled: Bool { threshold > 0 }

    /// What an attempt's outcome says about the endpoint's health.
    ///
    /// Only failures a healthy server would not cause count; an answer such as 401 or 400 shows the
    /// endpoint is up, so it counts as a success. A 429 (or a throttling error) is back-pressure, not a
    /// fault: its delay is honoured by the retry policy and it never opens the circuit. Cancellation and
    /// the user's total limit say nothing.
    public static func signal(for cause: AttemptFailure.Cause) -> BreakerSignal {
        switch cause {
        case .provider(let error):
            if error.category == .malformed { return .failure }
            let retryable = RetryPolicy.isRetryable(ProviderError(category: error.category, status: error.status,
                                                                  message: "", providerCode: error.providerCode))
            if error.category == .rateLimited { return retryable ? .neutral : .success }
            return retryable ? .failure : .success
        case .transport(let retryable): return retryable ? .failure : .neutral
        case .timeout(let kind): return kind == .total ? .neutral : .failure
        case .circuitOpen, .cancelled, .other: return .neutral
        }
    }
}

/// An attempt's outcome as the breaker counts it.
public enum BreakerSignal: Sendable, Hashable {
    case success, failure, neutral
}

/// One endpoint's circuit breaker as a value-type state machine: closed → open after `threshold`
/// consecutive failures → half-open (one probe) after `cooldown` → closed on success, open again on failure.
///
/// Time comes in as an argument, so tests drive it with a fake clock; the owner keeps it behind a lock.
public struct CircuitBreaker: Sendable, Hashable {
    /// Where the circuit is.
    public enum State: Sendable, Hashable {
        case closed
        /// Failing fast until the instant, then one probe may go.
        case open(until: ContinuousClock.Instant)
        /// The cooldown passed; `probing` while the single probe is in flight.
        case halfOpen(probing: Bool)
    }

    /// Whether an attempt may go.
    public enum Admission: Sendable, Hashable {
        case proceed
        /// Goes as the half-open probe; its outcome closes or reopens the circuit.
        case probe
        /// Fail fast; `until` is when a probe will be let through (nil while a probe is in flight).
        case reject(until: ContinuousClock.Instant?)
    }

    /// Threshold and cooldown; the registry updates it from the latest request.
    public var policy: BreakerPolicy
    /// Where the circuit is now.
    public private(set) var state: State = .closed
    /// Failed attempts since the last success.
    public private(set) var consecutiveFailures = 0

    public init(policy: BreakerPolicy = .init()) {
        self.policy = policy
    }

    /// A breaker as an earlier process left it: open until `openUntil` when given, else closed with
    /// `consecutiveFailures` still counting towards the threshold.
    public init(policy: BreakerPolicy = .init(), consecutiveFailures: Int, openUntil: ContinuousClock.Instant?) {
        self.policy = policy
        self.consecutiveFailures = max(0, consecutiveFailures)
        if let openUntil { state = .open(until: openUntil) }
    }

    /// Decides whether an attempt may start now.
    public mutating func admit(at now: ContinuousClock.Instant) -> Admission {
        guard policy.isEnabled else { return .proceed }
        switch state {
        case .closed:
            return .proceed
        case .open(let until):
            guard now >= until else { return .reject(until: until) }
            state = .halfOpen(probing: true)
            return .probe
        case .halfOpen(let probing):
            guard !probing else { return .reject(until: nil) }
            state = .halfOpen(probing: true)
            return .probe
        }
    }

    /// Records an attempt's outcome; returns true when this outcome opened the circuit.
    @discardableResult
    public mutating func record(_ signal: BreakerSignal, probe: Bool, at now: ContinuousClock.Instant) -> Bool {
        guard policy.isEnabled else { return false }
        switch signal {
        case .success:
            consecutiveFailures = 0
            state = .closed
            return false
        case .neutral:
            // A probe that said nothing (cancelled) frees the slot for the next one.
            if probe, case .halfOpen = state { state = .halfOpen(probing: false) }
            return false
        case .failure:
            consecutiveFailures += 1
            switch state {
            case .halfOpen:
                state = .open(until: now + policy.cooldown)
                return true
            case .closed where consecutiveFailures >= policy.threshold:
                state = .open(until: now + policy.cooldown)
                return true
            case .closed, .open:
                // Already open: a late failure of an attempt admitted before it opened changes nothing.
                return false
            }
        }
    }
}
