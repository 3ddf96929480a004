import Foundation
import Testing
@testable import LLMCore

/// The circuit breaker state machine on a fake clock: instants are built by adding to one base.
@Suite struct ResilienceBreakerTests {
    let t0 = ContinuousClock.now
    func at(_ seconds: Double) -> ContinuousClock.Instant { t0 + .seconds(seconds) }

    @Test func opensAfterThresholdConsecutiveFailures() {
        var breaker = CircuitBreaker(policy: BreakerPolicy(threshold: 3, cooldown: .seconds(30)))
        for i in 0..<2 {
            #expect(breaker.admit(at: at(Double(i))) == .proceed)
            #expect(breaker.record(.failure, probe: false, at: at(Double(i))) == false)
        }
        #expect(breaker.admit(at: at(2)) == .proceed)
        #expect(breaker.record(.failure, probe: false, at: at(2)) == true)
        #expect(breaker.state == .open(until: at(32)))
        #expect(breaker.consecutiveFailures == 3)
    }

    @Test func aSuccessResetsTheCount() {
        var breaker = CircuitBreaker(policy: BreakerPolicy(threshold: 2))
        breaker.record(.failure, probe: false, at: at(0))
        breaker.record(.success, probe: false, at: at(1))
        breaker.record(.failure, probe: false, at: at(2))
        #expect(breaker.state == .closed)
        #expect(breaker.consecutiveFailures == 1)
        // Neutral outcomes (cancelled, the user's total limit) neither count nor reset.
        breaker.record(.neutral, probe: false, at: at(3))
        #expect(breaker.consecutiveFailures == 1)
    }

    @Test func failsFastWhileOpenThenProbesAfterTheCooldown() {
        var breaker = CircuitBreaker(policy: BreakerPolicy(threshold: 1, cooldown: .seconds(30)))
        breaker.record(.failure, probe: false, at: at(0))
        #expect(breaker.admit(at: at(1)) == .reject(until: at(30)))
        #expect(breaker.admit(at: at(29.9)) == .reject(until: at(30)))
        #expect(breaker.admit(at: at(30)) == .probe)
        #expect(breaker.state == .halfOpen(probing: true))
        // Only one probe at a time; the others still fail fast.
        #expect(breaker.admit(at: at(30.5)) == .reject(until: nil))
    }

    @Test func successfulProbeCloses() {
        var breaker = CircuitBreaker(policy: BreakerPolicy(threshold: 1, cooldown: .seconds(5)))
        breaker.record(.failure, probe: false, at: at(0))
        #expect(breaker.admit(at: at(6)) == .probe)
        #expect(breaker.record(.success, probe: true, at: at(6.2)) == false)
        #expect(breaker.state == .closed)
        #expect(breaker.consecutiveFailures == 0)
        #expect(breaker.admit(at: at(6.3)) == .proceed)
    }

    @Test func failedProbeReopensForAnotherCooldown() {
        var breaker = CircuitBreaker(policy: BreakerPolicy(threshold: 2, cooldown: .seconds(5)))
        breaker.record(.failure, probe: false, at: at(0))
        breaker.record(.failure, probe: false, at: at(1))
        #expect(breaker.admit(at: at(6)) == .probe)
        #expect(breaker.record(.failure, probe: true, at: at(7)) == true)
        #expect(breaker.state == .open(until: at(12)))
        #expect(breaker.admit(at: at(11)) == .reject(until: at(12)))
        #expect(breaker.admit(at: at(12)) == .probe)
    }

    @Test func aCancelledProbeFreesTheSlot() {
        var breaker = CircuitBreaker(policy: BreakerPolicy(threshold: 1, cooldown: .seconds(5)))
        breaker.record(.failure, probe: false, at: at(0))
        #expect(breaker.admit(at: at(5)) == .probe)
        breaker.record(.neutral, probe: true, at: at(5.1))
        #expect(breaker.state == .halfOpen(probing: false))
        #expect(breaker.admit(at: at(5.2)) == .probe)
    }

    @Test func thresholdZeroIsOff() {
        var breaker = CircuitBreaker(policy: BreakerPolicy(threshold: 0))
        for i in 0..<20 { breaker.record(.failure, probe: false, at: at(Double(i))) }
        #expect(breaker.admit(at: at(21)) == .proceed)
        #expect(breaker.state == .closed)
    }

    @Test func signals() {
        func provider(_ status: Int?, _ category: ProviderError.Category, code: String? = nil) -> BreakerSignal {
            BreakerPolicy.signal(for: .provider(ProviderError(category: category, status: status, message: "", providerCode: code)))
        }
        #expect(provider(503, .server) == .failure)
        #expect(provider(529, .overloaded) == .failure)
        // A 429 is back-pressure: its delay is honoured, it never counts towards opening the circuit.
        #expect(provider(429, .rateLimited) == .neutral)
        // The endpoint answered properly: it is up, whatever the caller did wrong.
        #expect(provider(401, .auth) == .success)
        #expect(provider(400, .badRequest) == .success)
        #expect(provider(429, .rateLimited, code: "insufficient_quota") == .success)
        #expect(provider(nil, .malformed) == .failure)
        #expect(BreakerPolicy.signal(for: .transport(retryable: true)) == .failure)
        #expect(BreakerPolicy.signal(for: .timeout(.firstToken)) == .failure)
        #expect(BreakerPolicy.signal(for: .timeout(.total)) == .neutral)
        #expect(BreakerPolicy.signal(for: .cancelled) == .neutral)
    }

    @Test func snapshotMessageSaysWhenItRetries() throws {
        var breaker = CircuitBreaker(policy: BreakerPolicy(threshold: 5, cooldown: .seconds(30)))
        for i in 0..<5 { breaker.record(.failure, probe: false, at: at(Double(i))) }
        // 12:04:03 UTC; the circuit opened at t0+4 until t0+34, seen at t0+6 → 28 s left.
        let midnight: TimeInterval = 1_699_920_000  // 2023-11-14T00:00:00Z
        let wall = Date(timeIntervalSince1970: midnight + 12 * 3600 + 4 * 60 + 3)
        let snapshot = BreakerSnapshot(endpoint: "openai", baseURL: "https://api.openai.com/v1", breaker: breaker,
                                       now: at(6), wallNow: wall)
        #expect(snapshot.phase == BreakerSnapshot.Phase.open)
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(snapshot.message(timeZone: utc) == "openai circuit open after 5 consecutive failures; retrying after 12:04:31 (in 28 s)")
        #expect(snapshot.summary(timeZone: utc) == "open until 12:04:31 (in 28 s)")
        let error = CircuitOpenError(snapshot: snapshot, timeZone: utc)
        #expect(error.message.hasPrefix("openai circuit open after 5 consecutive failures; retrying after 12:04:31"))
        let closed = BreakerSnapshot(endpoint: "openai", baseURL: "x", breaker: CircuitBreaker(), now: at(0), wallNow: wall)
        #expect(closed.summary() == "closed")
        #expect(closed.retryAt == nil)
    }
}
