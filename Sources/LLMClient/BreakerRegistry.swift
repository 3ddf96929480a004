import Foundation
import LLMCore
import Synchronization

/// Permission to send one attempt, to be handed back with its outcome.
public struct BreakerTicket: Sendable, Hashable {
    /// The breaker's key (`BreakerRegistry.key(for:)`).
    public var key: String
    /// True for the single half-open probe.
    public var isProbe: Bool
}

/// Whether the breaker lets an attempt go.
public enum BreakerAdmission: Sendable, Hashable {
    case admitted(BreakerTicket)
    /// Fail fast: the circuit is open (or a probe is in flight).
    case rejected(BreakerSnapshot)
}

/// The circuit breakers of this process, one per endpoint (name + base URL) and model, behind one lock:
/// providers rate-limit and fail per model, so one failing model never blocks the others.
///
/// The state machines are `CircuitBreaker` values; this class only stores them and supplies the clock.
public final class BreakerRegistry: Sendable {
    /// The process-wide registry that `ask`, `batch`, `compare`, the REPL and `models` share.

    private struct Entry {
        var endpoint: String
        var baseURL: String
        var model: String
        var breaker: CircuitBreaker
        /// Changed by this process (so it is written back; untouched entries are left as others wrote them).
        var touched = false
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let now: @Sendable () -> ContinuousClock.Instant
    private let wallNow: @Sendable () -> Date

    /// A registry; tests inject the clocks.
    public init(now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now },
                wallNow: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
        self.wallNow = wallNow
    }

    /// The key of a model's breaker: the same name on another base URL is another endpoint.
    public static func key(for endpoint: Endpoint, model: String) -> String {
        "\(endpoint.name) \(endpoint.baseURL) \(model)"
    }

    /// Asks the model's breaker whether an attempt may go now; `policy` applies from now on.
    public func admit(_ endpoint: Endpoint, model: String, policy: BreakerPolicy) -> BreakerAdmission {
        let key = Self.key(for: endpoint, model: model)
        let at = now()
        return entries.withLock { entries in
            var entry = entries[key] ?? Entry(endpoint: endpoint.name, baseURL: endpoint.baseURL, model: model,
                                              breaker: CircuitBreaker(policy: policy))
            entry.breaker.policy = policy
            let before = entry.breaker
            let admission = entry.breaker.admit(at: at)
            if entry.breaker != before { entry.touched = true }
            entries[key] = entry
            switch admission {
            case .proceed: return .admitted(BreakerTicket(key: key, isProbe: false))
            case .probe: return .admitted(BreakerTicket(key: key, isProbe: true))
            case .reject: return .rejected(snapshot(entry, at: at))
            }
        }
    }

    /// A ticket for an attempt made past an open circuit (a batch item that waited for the probe): its
    /// success closes the circuit, its failure changes nothing.
    public func bypassTicket(_ endpoint: Endpoint, model: String) -> BreakerTicket {
        BreakerTicket(key: Self.key(for: endpoint, model: model), isProbe: false)
    }

    /// The breaker's state now, without asking for admission (a batch item waiting for the probe).
    public func phase(of endpoint: Endpoint, model: String) -> BreakerSnapshot? {
        let at = now()
        return entries.withLock { entries in entries[Self.key(for: endpoint, model: model)].map { snapshot($0, at: at) } }
    }

    /// Records an attempt's outcome; returns the snapshot when this outcome opened the circuit.
    @discardableResult
    public func record(_ signal: BreakerSignal, for ticket: BreakerTicket) -> BreakerSnapshot? {
        let at = now()
        return entries.withLock { entries -> BreakerSnapshot? in
            guard var entry = entries[ticket.key] else { return nil }
            let before = entry.breaker
            let opened = entry.breaker.record(signal, probe: ticket.isProbe, at: at)
            if entry.breaker != before { entry.touched = true }
            entries[ticket.key] = entry
            return opened ? snapshot(entry, at: at) : nil
        }
    }

    /// Every endpoint's breaker, keyed by `key(for:)`, for `llmctl models` and `/stats`.
    public func breakerStates() -> [String: BreakerSnapshot] {
        let at = now()
        return entries.withLock { entries in entries.mapValues { snapshot($0, at: at) } }
    }

    /// Takes in breakers an earlier process left (`BreakerStore`); ones this process already has win.
    public func restore(_ records: [BreakerRecord]) {
        let at = now(), wall = wallNow()
        entries.withLock { entries in
            for record in records where entries[record.key] == nil {
                let openUntil = record.openUntil.map { at + .seconds(max(0, $0.timeIntervalSince(wall))) }
                let breaker = CircuitBreaker(consecutiveFailures: record.failures, openUntil: openUntil)
                entries[record.key] = Entry(endpoint: record.endpoint, baseURL: record.baseURL, model: record.model ?? "",
                                            breaker: breaker)
            }
        }
    }

    /// The breakers this process changed, as records for the next process.
    public func changedRecords() -> [BreakerRecord] {
        let at = now(), wall = wallNow()
        return entries.withLock { entries in
            entries.values.filter(\.touched).map { entry in
                var openUntil: Date?
                switch entry.breaker.state {
                case .closed: break
                case .open(let until): openUntil = wall.addingTimeInterval(max(.zero, until - at).inSeconds)
                case .halfOpen: openUntil = wall
                }
                return BreakerRecord(endpoint: entry.endpoint, baseURL: entry.baseURL, model: entry.model,
                                     failures: entry.breaker.consecutiveFailures, openUntil: openUntil, updated: wall)
            }
        }
    }

    /// Forgets every breaker (tests, `/reset`).
    public func reset() {
        entries.withLock { $0 = [:] }
    }

    private func snapshot(_ entry: Entry, at: ContinuousClock.Instant) -> BreakerSnapshot {
        BreakerSnapshot(endpoint: entry.endpoint, baseURL: entry.baseURL, model: entry.model, breaker: entry.breaker,
                        now: at, wallNow: wallNow())
    }
}
