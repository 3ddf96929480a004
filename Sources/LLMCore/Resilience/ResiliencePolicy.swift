/// The client-side time limits of a request. nil means no limit.
///
/// Defaults: connect 10 s, first token 60 s, idle 30 s, total none. The first-token limit runs from the
/// start of each attempt until its first text delta (bytes without text, such as role chunks or pings,
/// do not stop it); the idle limit is the longest gap between received chunks once text has started;
/// the total limit covers the whole call, retries, waits and fallback models included. With a
/// non-streaming request nothing arrives until the reply is complete, so only connect and total apply.
public struct TimeoutPolicy: Sendable, Hashable {
    /// DNS + TCP + TLS; nil leaves libcurl's own limit (300 s).
    public var connect: Duration?
    /// From the start of an attempt to its first text delta (default 60 s).
    public var firstToken: Duration?
    /// The longest gap between chunks once text has started (default 30 s).
    public var idle: Duration?
    /// The whole call, retries and fallbacks included (default none).
    public var total: Duration?

    public init(connect: Duration? = .seconds(10), firstToken: Duration? = .seconds(60),
                idle: Duration? = .seconds(30), total: Duration? = nil) {
        self.connect = connect
        self.firstToken = firstToken
        self.idle = idle
        self.total = total
    }

    /// The limit of one kind.
    public func limit(_ kind: TimeoutKind) -> Duration? {
        switch kind {
        case .connect: connect
        case .firstToken: firstToken
        case .idle: idle
        case .total: total
        }
    }
}

/// Everything the resilient executor needs to know: retries, time limits, circuit breaking.
public struct ResiliencePolicy: Sendable, Hashable {
    /// Attempts, backoff and the wait budget.
    public var retry: RetryPolicy
    /// Connect, first-token, idle and total limits.
    public var timeouts: TimeoutPolicy
    /// Per-endpoint circuit breaking.
    public var breaker: BreakerPolicy

    public init(retry: RetryPolicy = .init(), timeouts: TimeoutPolicy = .init(), breaker: BreakerPolicy = .init()) {
        self.retry = retry
        self.timeouts = timeouts
        self.breaker = breaker
    }

    /// Retries 2, connect 10 s, first token 60 s, idle 30 s, no total limit, breaker 5 failures / 30 s.
    public static let `default` = ResiliencePolicy()
}

/// Resilience settings as a layer of flags or config: each nil field defers to the layer below.
///
/// Times are seconds; 0 turns a limit off (connect: back to libcurl's 300 s). Merge layers with
/// `flags.overriding(config)`, then make the policy with `policy()`.
public struct ResilienceSettings: Sendable, Hashable {
    /// `--retries` / `retries`.
    public var retries: Int?
    /// `--connect-timeout` / `connect_timeout`.
    public var connectTimeout: Double?
    /// `--first-token-timeout` / `first_token_timeout`.
    public var firstTokenTimeout: Double?
    /// `--idle-timeout` / `idle_timeout`.
    public var idleTimeout: Double?
    /// `--timeout` / `total_timeout`.
    public var totalTimeout: Double?
    /// The most all retry waits of one request may add up to.
    public var maxRetryWait: Double?
    /// `--breaker-threshold`: failures in a row that open a circuit; 0 = off.
    public var breakerThreshold: Int?
    /// `--breaker-cooldown`: seconds an open circuit fails fast.
    public var breakerCooldown: Double?

    public init(retries: Int? = nil, connectTimeout: Double? = nil, firstTokenTimeout: Double? = nil,
                idleTimeout: Double? = nil, totalTimeout: Double? = nil, maxRetryWait: Double? = nil,
                breakerThreshold: Int? = nil, breakerCooldown: Double? = nil) {
        self.retries = retries
        self.connectTimeout = connectTimeout
        self.firstTokenTimeout = firstTokenTimeout
        self.idleTimeout = idleTimeout
        self.totalTimeout = totalTimeout
        self.maxRetryWait = maxRetryWait
        self.breakerThreshold = breakerThreshold
        self.breakerCooldown = breakerCooldown
    }

    /// These settings, with `lower`'s values where these have none.
    public func overriding(_ lower: ResilienceSettings) -> ResilienceSettings {
        ResilienceSettings(retries: retries ?? lower.retries, connectTimeout: connectTimeout ?? lower.connectTimeout,
                           firstTokenTimeout: firstTokenTimeout ?? lower.firstTokenTimeout,
                           idleTimeout: idleTimeout ?? lower.idleTimeout, totalTimeout: totalTimeout ?? lower.totalTimeout,
                           maxRetryWait: maxRetryWait ?? lower.maxRetryWait,
                           breakerThreshold: breakerThreshold ?? lower.breakerThreshold,
                           breakerCooldown: breakerCooldown ?? lower.breakerCooldown)
    }

    /// The first problem with these values as a one-line message naming the flag, or nil.
    public func validationError() -> String? {
        if let n = retries, !(0...20).contains(n) { return "--retries must be between 0 and 20 (got \(n))" }
        let times: [(String, Double?)] = [("--connect-timeout", connectTimeout), ("--first-token-timeout", firstTokenTimeout),
                                          ("--idle-timeout", idleTimeout), ("--timeout", totalTimeout),
                                          ("--max-retry-wait", maxRetryWait), ("--breaker-cooldown", breakerCooldown)]
        for case let (flag, value?) in times where !value.isFinite || value < 0 || value > 86_400 {
            return "\(flag) must be a number of seconds from 0 to 86400 (got \(value))"
        }
        if let n = breakerThreshold, n < 0 { return "--breaker-threshold must be 0 (off) or more (got \(n))" }
        return nil
    }

    /// The policy: these values over `base`.
    public func policy(base: ResiliencePolicy = .default) -> ResiliencePolicy {
        var p = base
        if let retries { p.retry.maxRetries = max(0, retries) }
        if let maxRetryWait { p.retry.maxTotalWait = .seconds(maxRetryWait) }
        if let connectTimeout { p.timeouts.connect = Self.limit(connectTimeout) }
        if let firstTokenTimeout { p.timeouts.firstToken = Self.limit(firstTokenTimeout) }
        if let idleTimeout { p.timeouts.idle = Self.limit(idleTimeout) }
        if let totalTimeout { p.timeouts.total = Self.limit(totalTimeout) }
        if let breakerThreshold { p.breaker.threshold = max(0, breakerThreshold) }
        if let breakerCooldown { p.breaker.cooldown = .seconds(breakerCooldown) }
        return p
    }

    private static func limit(_ seconds: Double) -> Duration? {
        seconds > 0 ? .seconds(seconds) : nil
    }
}
