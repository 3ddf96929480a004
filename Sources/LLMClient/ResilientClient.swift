import Foundation
import LLMCore

/// Runs a request with retries, time limits, circuit breakers and fallback models around `ChatClient`.
///
/// Each attempt is its own `ChatClient.send`, so its own per-request scope. Decisions come from the
/// value-type state machines in LLMCore (`RetryState`, `CircuitBreaker`); this type performs the
/// side effects: the attempts, the (cancellable) waits, the notes.
public struct ResilientClient: Sendable {
    /// Runs each attempt.
    public var client: ChatClient
    /// The process's circuit breakers (the command context holds them).
    public var breakers: BreakerRegistry
    private let random: @Sendable () -> Double
    private let sleep: @Sendable (Duration) async throws -> Void

    /// A client; `random` (uniform in 0..<1) and `sleep` are injectable for tests.
    public init(client: ChatClient, breakers: BreakerRegistry,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.client = client
        self.breakers = breakers
        self.random = random
        self.sleep = sleep
    }

    /// Every endpoint's circuit breaker in this process, for `llmctl models` and `/stats`.
    public func breakerStates() -> [String: BreakerSnapshot] { breakers.breakerStates() }

    /// Sends `request` to the first candidate, retrying it per `policy`; when a candidate fails before
    /// its first token, the next one is tried. `request.model` is replaced by each candidate's, and what
    /// the request leaves open is filled from that candidate's config defaults.
    ///
    /// The result's `model` is the candidate that answered and `stats.attempts` lists every attempt of
    /// every candidate. Its `ttftMs` and `totalMs` run from the start of this call, so they include
    /// failed attempts and waits. A failure carries the last attempt's partial reply with all attempts.
    ///
    /// `slots`: the caller holds one of them for this request; while it waits for a circuit's probe
    /// the request gives the slot back and takes one again before its own attempt.
    public func send(_ request: ChatRequest, candidates: [ResolvedModel], policy: ResiliencePolicy = .default,
                     slots: ConcurrencySlots? = nil,
                     onEvent: @Sendable (ChatEvent) -> Void = { _ in },
                     onNote: @Sendable (ResilienceNote) -> Void = { _ in }) async throws(ChatFailure) -> ChatResult {
        let callStart = ContinuousClock.now
        let limits = AttemptLimits(policy.timeouts, callStart: callStart)
        var attempts: [AttemptRecord] = []
        var lastFailure: ChatFailure?
        for (index, candidate) in candidates.enumerated() {
            var attemptRequest = request.filling(candidate.defaults)
            attemptRequest.model = candidate.ref
            let outcome = await run(attemptRequest, candidate: candidate, policy: policy, limits: limits,
                                    slots: slots, callStart: callStart, attempts: &attempts, onEvent: onEvent, onNote: onNote)
            switch outcome {
            case .success(var result):
                result.stats.attempts = attempts
                return result
            case .failure(let failure):
                lastFailure = failure
                guard Self.mayFallBack(after: failure), index + 1 < candidates.count else { break }
                onNote(.fallingBack(from: candidate.ref, reason: failure.error.outcome.description,
                                    to: candidates[index + 1].ref))
                continue
            }
            break
        }
        guard var failure = lastFailure else {
            let nothing = ChatResult(stats: RequestStats(provider: "", model: request.model.model), model: request.model)
            throw ChatFailure(ChatError(.config(ConfigError(message: "no model to send the request to; name one with -m provider:model"))),
                              partial: nothing)
        }
        failure.partial.stats.attempts = attempts
        throw failure
    }

    /// Waits until the circuit of `model` lets an attempt through or its probe has decided; returns the
    /// ticket for this request's own attempt (nil when cancelled). Bounded by the cooldown plus two
    /// minutes for the probe, and by the request's deadline.
    private func waitForProbe(_ endpoint: Endpoint, model: String, policy: BreakerPolicy,
                              deadline: ContinuousClock.Instant?) async -> BreakerTicket? {
        let cap = ContinuousClock.now + policy.cooldown + .seconds(120)
        let giveUp = deadline.map { min($0, cap) } ?? cap
        var firstRetryAt: Date?
        var sawProbe = false
        // The probe runs in another task: this one looks again every few milliseconds (a real wait,
        // not the retry policy's, which tests make instant).
        waiting: while ContinuousClock.now < giveUp {
            switch breakers.admit(endpoint, model: model, policy: policy) {
            case .admitted(let ticket):
                return ticket
            case .rejected(let snapshot):
                if snapshot.phase == .halfOpen { sawProbe = true }
                if snapshot.phase == .open {
                    // Open again, or open with a later deadline: the probe ran and failed. This request
                    // makes its own attempt now, so the error it reports is its own.
                    if sawProbe { break waiting }
                    if let first = firstRetryAt, let retryAt = snapshot.retryAt, retryAt.timeIntervalSince(first) > 0.05 { break waiting }
                    if firstRetryAt == nil { firstRetryAt = snapshot.retryAt }
                }
                let pause = min(max(snapshot.retryIn ?? .milliseconds(20), .milliseconds(5)), .milliseconds(200))
                do { try await Task.sleep(for: pause) } catch { return nil }
            }
        }
        if Task.isCancelled { return nil }
        return breakers.bypassTicket(endpoint, model: model)
    }

    /// Only a model that failed before producing anything may hand over; cancellation and the total limit end the call.
    static func mayFallBack(after failure: ChatFailure) -> Bool {
        guard !failure.partial.producedOutput else { return false }
        switch failure.error.policyCause {
        case .cancelled, .timeout(.total): return false
        default: return true
        }
    }

    /// One candidate with its retries; appends every attempt to `attempts`.
    private func run(_ request: ChatRequest, candidate: ResolvedModel, policy: ResiliencePolicy, limits: AttemptLimits,
                     slots: ConcurrencySlots?, callStart: ContinuousClock.Instant, attempts: inout [AttemptRecord],
                     onEvent: @Sendable (ChatEvent) -> Void,
                     onNote: @Sendable (ResilienceNote) -> Void) async -> Result<ChatResult, ChatFailure> {
        let endpoint = candidate.endpoint
        var retry = RetryState(policy: policy.retry)
        var waited: Duration = .zero
        var lastFailure: ChatFailure?
        var waitedForProbe = false
        while true {
            let ticket: BreakerTicket
            switch breakers.admit(endpoint, model: candidate.ref.model, policy: policy.breaker) {
            case .admitted(let admitted):
                ticket = admitted
            case .rejected where policy.breaker.waitForProbe && !waitedForProbe:
                // Not this request's failure: wait for the probe to decide, then make a real attempt.
                waitedForProbe = true
                slots?.release()
                var admitted = await waitForProbe(endpoint, model: candidate.ref.model, policy: policy.breaker,
                                                  deadline: limits.deadline)
                if let slots, await !slots.acquire(), let ticket = admitted {
                    // Cancelled while queued for a slot: the ticket is never used.
                    _ = breakers.record(.neutral, for: ticket)
                    admitted = nil
                }
                guard let admitted else {
                    return .failure(ChatFailure(ChatError(.cancelled), partial: ChatResult(
                        stats: RequestStats(provider: endpoint.name, model: candidate.ref.model), model: candidate.ref)))
                }
                ticket = admitted
            case .rejected(let snapshot):
                attempts.append(AttemptRecord(model: candidate.ref.description, outcome: .circuitOpen,
                                              waitedMs: waited.milliseconds))
                if let lastFailure {
                    // Opened by someone else while this request waited: its own last error says more.
                    onNote(.circuitOpen(snapshot))
                    return .failure(lastFailure)
                }
                let empty = ChatResult(stats: RequestStats(provider: endpoint.name, model: candidate.ref.model),
                                       model: candidate.ref)
                return .failure(ChatFailure(ChatError(.circuitOpen(CircuitOpenError(snapshot: snapshot))), partial: empty))
            }

            let attemptStart = ContinuousClock.now
            do {
                var result = try await client.send(request, to: endpoint, limits: limits, onEvent: onEvent)
                breakers.record(.success, for: ticket)
                attempts.append(Self.record(result.stats, model: candidate.ref, waited: waited))
                Self.shift(&result.stats, by: attemptStart - callStart)
                return .success(result)
            } catch {
                var failure = error
                let cause = failure.error.policyCause
                attempts.append(Self.record(failure.partial.stats, model: candidate.ref, waited: waited))
                Self.shift(&failure.partial.stats, by: attemptStart - callStart)
                lastFailure = failure
                if let opened = breakers.record(BreakerPolicy.signal(for: cause), for: ticket) {
                    onNote(.circuitOpen(opened))
                    return .failure(failure)
                }
                let attemptFailure = AttemptFailure(cause, outputShown: failure.partial.producedOutput)
                let timeLeft = limits.deadline.map { $0 - ContinuousClock.now }
                switch retry.next(after: attemptFailure, random: random(), timeLeft: timeLeft) {
                case .fail(let stop):
                    if stop.note != nil { onNote(.stopped(model: candidate.ref, stop)) }
                    return .failure(failure)
                case .retry(let delay):
                    onNote(.retrying(model: candidate.ref, endpoint: endpoint.name,
                                     reason: failure.error.shortReason,
                                     delay: delay, attempt: retry.nextAttempt, of: policy.retry.maxAttempts))
                    do {
                        try await sleep(delay)
                    } catch {
                        // Ctrl-C during the wait ends the request at once.
                        return .failure(ChatFailure(ChatError(.cancelled), partial: failure.partial))
                    }
                    waited = delay
                }
            }
        }
    }

    /// The attempt record of one `ChatClient.send`, with the wait that preceded it.
    private static func record(_ stats: RequestStats, model: ModelRef, waited: Duration) -> AttemptRecord {
        var record = stats.attempts.last ?? AttemptRecord(model: model.description, outcome: .error)
        record.model = model.description
        record.waitedMs = waited.milliseconds
        return record
    }

    /// Moves an attempt's timing to the call's time line (earlier attempts and waits count).
    private static func shift(_ stats: inout RequestStats, by offset: Duration) {
        let ms = offset.milliseconds
        stats.totalMs += ms
        if let ttft = stats.ttftMs { stats.ttftMs = ttft + ms }
    }
}
