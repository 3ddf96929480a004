import Foundation
import Testing
@testable import LLMCore
import HTTPMessage

/// The retry policy and its state machine, driven with fixed random numbers: nothing sleeps.
@Suite struct ResilienceRetryTests {
    static func http(_ status: Int, retryAfter: Double? = nil, shouldRetry: Bool? = nil,
                     code: String? = nil, category: ProviderError.Category = .server) -> AttemptFailure {
        AttemptFailure(.provider(ProviderError(category: category, status: status, message: "HTTP \(status)",
                                               providerCode: code, retryAfter: retryAfter, shouldRetry: shouldRetry)))
    }

    @Test func backoffCeilingDoublesUpToTheCap() {
        let policy = RetryPolicy()
        #expect(policy.backoffCeiling(retriesTaken: 0) == .milliseconds(500))
        #expect(policy.backoffCeiling(retriesTaken: 1) == .seconds(1))
        #expect(policy.backoffCeiling(retriesTaken: 2) == .seconds(2))
        #expect(policy.backoffCeiling(retriesTaken: 4) == .seconds(8))
        #expect(policy.backoffCeiling(retriesTaken: 5) == .seconds(8))
        #expect(policy.backoffCeiling(retriesTaken: 500) == .seconds(8))
    }

    @Test func fullJitterSpansZeroToTheCeiling() {
        let policy = RetryPolicy(baseDelay: .seconds(1), maxDelay: .seconds(20))
        for n in 0..<8 {
            let ceiling = policy.backoffCeiling(retriesTaken: n)
            #expect(policy.backoff(retriesTaken: n, random: 0) == .zero)
            #expect(policy.backoff(retriesTaken: n, random: 1) == ceiling)
            #expect(policy.backoff(retriesTaken: n, random: 0.5) == ceiling / 2)
            for _ in 0..<50 {
                let delay = policy.backoff(retriesTaken: n, random: Double.random(in: 0..<1))
                #expect(delay >= .zero && delay <= ceiling)
            }
        }
        // Out-of-range random numbers are clamped, never a negative or oversized wait.
        #expect(policy.backoff(retriesTaken: 0, random: -3) == .zero)
        #expect(policy.backoff(retriesTaken: 0, random: 7) == .seconds(1))
    }

    @Test func statusTable() {
        for status in [408, 409, 429, 500, 502, 503, 504, 529] {
            #expect(RetryPolicy.isRetryable(Self.http(status).cause), "\(status)")
        }
        for status in [400, 401, 403, 404, 413, 422, 501, 505] {
            #expect(!RetryPolicy.isRetryable(Self.http(status).cause), "\(status)")
        }
        // Categories that no retry can fix, whatever the status says.
        for category: ProviderError.Category in [.auth, .permission, .badRequest, .notFound, .blocked] {
            #expect(!RetryPolicy.isRetryable(Self.http(500, category: category).cause), "\(category)")
        }
    }

    @Test func quotaIsNeverRetried() {
        let quota = Self.http(429, retryAfter: 1, shouldRetry: true, code: "insufficient_quota", category: .rateLimited)
        #expect(!RetryPolicy.isRetryable(quota.cause))
        var state = RetryState(policy: RetryPolicy())
        #expect(state.next(after: quota, random: 0.5) == .fail(.notRetryable))
    }

    @Test func shouldRetryHeaderWins() {
        #expect(!RetryPolicy.isRetryable(Self.http(503, shouldRetry: false).cause))
        #expect(RetryPolicy.isRetryable(Self.http(400, shouldRetry: true, category: .server).cause))
        var state = RetryState(policy: RetryPolicy())
        #expect(state.next(after: Self.http(429, retryAfter: 1, shouldRetry: false), random: 0) == .fail(.notRetryable))
    }

    @Test func transportTimeoutsAndOthers() {
        #expect(RetryPolicy.isRetryable(.transport(retryable: true)))
        #expect(!RetryPolicy.isRetryable(.transport(retryable: false)))
        #expect(RetryPolicy.isRetryable(.timeout(.connect)))
        #expect(RetryPolicy.isRetryable(.timeout(.firstToken)))
        #expect(!RetryPolicy.isRetryable(.timeout(.idle)))
        #expect(!RetryPolicy.isRetryable(.timeout(.total)))
        #expect(!RetryPolicy.isRetryable(.circuitOpen))
        #expect(!RetryPolicy.isRetryable(.other))
        // In-stream errors (no status) only when they name a transient cause.
        let overloaded = ProviderError(category: .streamError, message: "", providerCode: "overloaded_error")
        let invalid = ProviderError(category: .streamError, message: "", providerCode: "validationException")
        #expect(RetryPolicy.isRetryable(overloaded))
        #expect(!RetryPolicy.isRetryable(invalid))
        #expect(RetryPolicy.isRetryable(ProviderError.truncated("openai")))
    }

    @Test func backoffSequenceUntilAttemptsRunOut() {
        var state = RetryState(policy: RetryPolicy(maxRetries: 2))
        #expect(state.next(after: Self.http(503), random: 1) == .retry(after: .milliseconds(500)))
        #expect(state.nextAttempt == 2)
        #expect(state.next(after: Self.http(503), random: 0.5) == .retry(after: .milliseconds(500)))
        #expect(state.next(after: Self.http(503), random: 0.5) == .fail(.attemptsExhausted(3)))
        #expect(state.waited == .seconds(1))
    }

    @Test func zeroRetriesMeansOneAttempt() {
        var state = RetryState(policy: RetryPolicy(maxRetries: 0))
        #expect(state.next(after: Self.http(503), random: 0.5) == .fail(.attemptsExhausted(1)))
    }

    @Test func neverRetriesAfterOutputWasShown() {
        var state = RetryState(policy: RetryPolicy(maxRetries: 5))
        var failure = AttemptFailure(.transport(retryable: true), outputShown: true)
        #expect(state.next(after: failure, random: 0.5) == .fail(.outputShown))
        failure = Self.http(503)
        failure.outputShown = true
        #expect(state.next(after: failure, random: 0.5) == .fail(.outputShown))
        #expect(state.next(after: AttemptFailure(.timeout(.idle), outputShown: true), random: 0) == .fail(.outputShown))
        #expect(RetryStop.outputShown.note?.contains("already shown") == true)
    }

    @Test func retryAfterReplacesTheBackoff() {
        var state = RetryState(policy: RetryPolicy())
        // Seconds, milliseconds and HTTP dates all arrive as seconds (RetryAfter picks the precedence).
        let headers: HTTPHeaders = ["retry-after": "30", "retry-after-ms": "1500"]
        let seconds = RetryAfter.seconds(from: headers, now: Date())
        #expect(state.next(after: Self.http(429, retryAfter: seconds), random: 0) == .retry(after: .milliseconds(1500)))
        let now = Date(timeIntervalSince1970: 1_445_412_480)
        let date = RetryAfter.seconds(from: ["retry-after": "Wed, 21 Oct 2015 07:28:02 GMT"], now: now)
        #expect(state.next(after: Self.http(503, retryAfter: date), random: 0) == .retry(after: .seconds(2)))
        #expect(state.waited == .milliseconds(3500))
    }

    @Test func zeroRetryAfterFallsBackToBackoff() {
        var state = RetryState(policy: RetryPolicy())
        #expect(state.next(after: Self.http(429, retryAfter: 0), random: 1) == .retry(after: .milliseconds(500)))
    }

    @Test func retryAfterAboveTheBudgetIsRefused() {
        var state = RetryState(policy: RetryPolicy(maxTotalWait: .seconds(60)))
        let action = state.next(after: Self.http(429, retryAfter: 120), random: 0)
        #expect(action == .fail(.retryAfterTooLong(requested: .seconds(120), budget: .seconds(60))))
        if case .fail(let stop) = action {
            #expect(stop.note == "not retrying: the server asked to wait 120 s, more than the 60 s left of the retry wait budget")
        }
    }

    @Test func theBudgetShrinksWithEveryWait() {
        var state = RetryState(policy: RetryPolicy(maxRetries: 5, maxTotalWait: .seconds(10)))
        #expect(state.next(after: Self.http(429, retryAfter: 8), random: 0) == .retry(after: .seconds(8)))
        // 2 s left: a 3 s request is refused, a computed backoff is cut to what is left.
        #expect(state.next(after: Self.http(429, retryAfter: 3), random: 0)
                == .fail(.retryAfterTooLong(requested: .seconds(3), budget: .seconds(2))))
        var other = RetryState(policy: RetryPolicy(maxRetries: 5, baseDelay: .seconds(4), maxTotalWait: .seconds(10)))
        #expect(other.next(after: Self.http(503), random: 1) == .retry(after: .seconds(4)))
        #expect(other.next(after: Self.http(503), random: 1) == .retry(after: .seconds(6)))
        #expect(other.next(after: Self.http(503), random: 1) == .fail(.waitBudgetSpent(.seconds(10))))
    }

    @Test func theTotalTimeoutStopsAWaitThatWouldOutlastIt() {
        var state = RetryState(policy: RetryPolicy())
        #expect(state.next(after: Self.http(429, retryAfter: 5), random: 0, timeLeft: .seconds(3)) == .fail(.deadline))
        #expect(state.next(after: Self.http(429, retryAfter: 2), random: 0, timeLeft: .seconds(3)) == .retry(after: .seconds(2)))
    }

    @Test func notRetryableWinsOverExhaustion() {
        var state = RetryState(policy: RetryPolicy(maxRetries: 0))
        #expect(state.next(after: Self.http(401, category: .auth), random: 0) == .fail(.notRetryable))
        #expect(state.next(after: AttemptFailure(.cancelled), random: 0) == .fail(.cancelled))
    }

    @Test func settingsLayerAndValidate() {
        let flags = ResilienceSettings(retries: 4, firstTokenTimeout: 0)
        let config = ResilienceSettings(retries: 1, idleTimeout: 12, totalTimeout: 600)
        let policy = flags.overriding(config).policy()
        #expect(policy.retry.maxRetries == 4)
        #expect(policy.timeouts.firstToken == nil)
        #expect(policy.timeouts.idle == .seconds(12))
        #expect(policy.timeouts.total == .seconds(600))
        #expect(policy.timeouts.connect == .seconds(10))
        #expect(ResiliencePolicy.default.timeouts.total == nil)
        #expect(ResilienceSettings(retries: -1).validationError()?.contains("--retries") == true)
        #expect(ResilienceSettings(idleTimeout: -2).validationError()?.contains("--idle-timeout") == true)
        #expect(ResilienceSettings(totalTimeout: .infinity).validationError()?.contains("--timeout") == true)
        #expect(ResilienceSettings(retries: 3, connectTimeout: 0.5).validationError() == nil)
        #expect(TimeoutKind.total.flag == "--timeout")
        #expect(TimeoutKind.firstToken.flag == "--first-token-timeout")
    }
}

@Suite struct RetryStopWordingTests {
    @Test func oneAttemptIsSingular() {
        #expect(RetryStop.attemptsExhausted(1).note == "giving up after 1 attempt")
        #expect(RetryStop.attemptsExhausted(3).note == "giving up after 3 attempts")
    }
}
