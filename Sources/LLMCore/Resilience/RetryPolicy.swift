/// How often and how long to retry a failed request, and which failures are worth retrying.
///
/// Backoff is exponential with full jitter (`random(0, min(maxDelay, baseDelay·2^n))`), which spreads
/// clients that failed together better than the SDKs' "shorten by up to 25%" jitter. A server's
/// `retry-after` replaces the backoff; one larger than what is left of `maxTotalWait` ends the retries.
public struct RetryPolicy: Sendable, Hashable {
    /// Retries after the first attempt (2 → up to 3 attempts), as in the OpenAI and Anthropic SDKs.
    public var maxRetries: Int
    /// The backoff ceiling of the first retry.
    public var baseDelay: Duration
    /// The largest backoff ceiling, however many retries came before.
    public var maxDelay: Duration
    /// The most time all waits of one request may add up to; a longer `retry-after` is not honoured.
    public var maxTotalWait: Duration

    public init(maxRetries: Int = 2, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(8),
                maxTotalWait: Duration = .seconds(60)) {
        self.maxRetries = max(0, maxRetries)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxTotalWait = maxTotalWait
    }

    /// Attempts in all, the first included.
    public var maxAttempts: Int { maxRetries + 1 }

    /// Statuses retried when the server does not say otherwise (`x-should-retry`).
    public static let retryableStatuses: Set<Int> = [408, 409, 429, 500, 502, 503, 504, 529]

    /// Provider error codes that mean "busy or broken for a moment" when an error arrives inside a
    /// stream (no HTTP status to go by), before any text was shown.
    public static let transientStreamCodes: Set<String> = [
        "overloaded_error", "api_error", "rate_limit_error", "server_error", "internal_error",
        "throttlingexception", "serviceunavailableexception", "internalserverexception",
        "modelstreamerrorexception", "unavailable", "resource_exhausted", "internal",
    ]

    /// The ceiling of the backoff before retry number `n + 1` (n = retries already taken).
    public func backoffCeiling(retriesTaken n: Int) -> Duration {
        // 2^n overflows nothing here: past ~2^10 the ceiling is maxDelay anyway.
        let factor = Double(1 << min(max(n, 0), 30))
        return .seconds(min(maxDelay.inSeconds, baseDelay.inSeconds * factor))
    }

    /// Full jitter: `random` (uniform in 0..<1, injected so tests are exact) times the ceiling.
    public func backoff(retriesTaken n: Int, random: Double) -> Duration {
        let unit = min(max(random, 0), 1)
        return .seconds(backoffCeiling(retriesTaken: n).inSeconds * unit)
    }

    /// Whether a failure of this kind can succeed when sent again. Ignores attempts, waits and output;
    /// `RetryState` checks those.
    public static func isRetryable(_ cause: AttemptFailure.Cause) -> Bool {
        switch cause {
        case .provider(let error): isRetryable(error)
        case .transport(let retryable): retryable
        // A connect or first-token timeout sent nothing to the user, so another try is safe; an idle
        // timeout comes after text (the state machine refuses it anyway); the total limit is final.
        case .timeout(let kind): kind == .connect || kind == .firstToken
        case .circuitOpen, .cancelled, .other: false
        }
    }

    /// The status table, with `x-should-retry` and quota errors taking precedence.
    public static func isRetryable(_ error: ProviderError) -> Bool {
        // Quota exhaustion is a 429 that no wait will fix (providers.md §2).
        if let code = error.providerCode?.lowercased(), code == "insufficient_quota" { return false }
        // The server knows best: openai-python and anthropic-sdk obey this header before the status.
        if let shouldRetry = error.shouldRetry { return shouldRetry }
        switch error.category {
        case .auth, .permission, .badRequest, .notFound, .blocked: return false
        default: break
        }
        // An error inside a 200 stream has no status of its own: its category and code decide, the same
        // for every provider (OpenAI's decoder leaves the status out; the native ones keep the 200).
        if let status = error.status, !(200..<300).contains(status) { return retryableStatuses.contains(status) }
        switch error.category {
        // An in-stream error before any text (the state machine checks that) that names a transient cause.
        case .streamError: return error.providerCode.map { transientStreamCodes.contains($0.lowercased()) } ?? false
        case .rateLimited, .overloaded, .server, .truncated: return true
        default: return false
        }
    }
}
