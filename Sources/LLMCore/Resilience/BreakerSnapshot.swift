import struct Foundation.Calendar
import struct Foundation.Date
import struct Foundation.TimeZone

/// An endpoint's circuit breaker at one moment, for display (`llmctl models`, `/stats`) and messages.
public struct BreakerSnapshot: Sendable, Hashable {
    /// The breaker's phase.
    public enum Phase: String, Sendable, Hashable, Codable {
        case closed, open
        case halfOpen = "half-open"
    }

    /// The endpoint name as the user types it (`openai`, `groq`, a config name …).
    public var endpoint: String
    /// The base URL: with the name and the model, what identifies the breaker.
    public var baseURL: String
    /// The model: providers rate-limit and fail per model, so each model has its own breaker.
    public var model: String
    /// Closed, open or half-open.
    public var phase: Phase
    /// Failed attempts in a row (what opened the circuit, when open).
    public var consecutiveFailures: Int
    /// Failures in a row that open the circuit.
    public var threshold: Int
    /// When an open circuit lets the next probe through (wall clock); nil unless open.
    public var retryAt: Date?
    /// How long until then; nil unless open.
    public var retryIn: Duration?

    public init(endpoint: String, baseURL: String, model: String = "", phase: Phase, consecutiveFailures: Int, threshold: Int,
                retryAt: Date? = nil, retryIn: Duration? = nil) {
        self.endpoint = endpoint
        self.baseURL = baseURL
        self.model = model
        self.phase = phase
        self.consecutiveFailures = consecutiveFailures
        self.threshold = threshold
        self.retryAt = retryAt
        self.retryIn = retryIn
    }

    /// Builds the snapshot of a breaker, turning its monotonic deadline into wall-clock time.
    public init(endpoint: String, baseURL: String, model: String = "", breaker: CircuitBreaker,
                now: ContinuousClock.Instant, wallNow: Date) {
        var phase = Phase.closed
        var retryIn: Duration?
        switch breaker.state {
        case .closed: break
        case .open(let until):
            phase = .open
            retryIn = max(.zero, until - now)
        case .halfOpen: phase = .halfOpen
        }
        self.init(endpoint: endpoint, baseURL: baseURL, model: model, phase: phase,
                  consecutiveFailures: breaker.consecutiveFailures, threshold: breaker.policy.threshold,
                  retryAt: retryIn.map { wallNow.addingTimeInterval($0.inSeconds) }, retryIn: retryIn)
    }

    /// A short state for tables: `closed`, `open until 12:04:31 (in 28 s)`, `half-open (probing)`.
    public func summary(timeZone: TimeZone = .current) -> String {
        switch phase {
        case .closed: consecutiveFailures > 0 ? "closed (\(consecutiveFailures) recent failures)" : "closed"
        case .open: "open until " + retryClause(timeZone: timeZone)
        case .halfOpen: "half-open (probing)"
        }
    }

    /// `openai:gpt-4o`, or the endpoint alone for a breaker without a model.
    public var name: String { model.isEmpty ? endpoint : "\(endpoint):\(model)" }

    /// The fail-fast message: `openai:gpt-4o circuit open after 5 consecutive failures; retrying after 12:04:31 (in 28 s)`.
    public func message(timeZone: TimeZone = .current) -> String {
        switch phase {
        case .open:
            "\(name) circuit open after \(consecutiveFailures) consecutive failures; retrying after "
                + retryClause(timeZone: timeZone)
        case .halfOpen:
            "\(name) circuit half-open: a probe request is checking whether it recovered; retry in a moment"
        case .closed:
            "\(name) circuit closed"
        }
    }

    /// `12:04:31 (in 28 s)` in local time.
    private func retryClause(timeZone: TimeZone) -> String {
        guard let retryAt else { return "a moment" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.hour, .minute, .second], from: retryAt)
        let clock = [c.hour ?? 0, c.minute ?? 0, c.second ?? 0].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
        return clock + (retryIn.map { " (in \(RetryStop.format($0)))" } ?? "")
    }
}

/// An attempt refused without sending it, because the endpoint's circuit is open.
public struct CircuitOpenError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The breaker that refused the attempt.
    public var snapshot: BreakerSnapshot
    /// One line that says when the endpoint will be tried again.
    public var message: String

    public init(snapshot: BreakerSnapshot, timeZone: TimeZone = .current) {
        self.snapshot = snapshot
        self.message = snapshot.message(timeZone: timeZone)
            + "; add a fallback with another -m, wait, or bypass the breaker with --no-breaker (or breaker_threshold = 0 in [network])"
    }

    public var description: String { message }
}
