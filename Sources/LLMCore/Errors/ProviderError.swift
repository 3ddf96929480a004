/// An error reported by a provider, either as a non-2xx reply or inside a stream.
public struct ProviderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure it is; decides the exit code and whether a retry can help.
    /// Raw values are the `kind` of `--json` errors and batch error lines: snake_case like every other
    /// key and value llmctl prints for scripts.
    public enum Category: String, Sendable, Hashable, Codable {
        case auth, permission, overloaded, server
        case notFound = "not_found", badRequest = "bad_request", rateLimited = "rate_limited"
        /// An error event inside a stream that had started (HTTP 200).
        case streamError = "stream_error"
        /// The stream ended without the provider's end marker.
        case truncated
        /// The reply could not be decoded.
        case malformed
        /// The provider refused to answer (safety / content filter) and said so.
        case blocked
    }

    public var category: Category
    /// The HTTP status, when the error came as a reply.
    public var status: Int?
    /// A one-line message that says what happened and what to do.
    public var message: String
    /// The provider's own error type or code (`rate_limit_error`, `RESOURCE_EXHAUSTED`, `throttlingException`…).
    public var providerCode: String?
    /// Seconds the provider asked us to wait (`retry-after`, `retry-after-ms`, Gemini `RetryInfo`).
    /// Untrusted: not finite or negative reads as none, anything above `maxRetryAfter` as that.
    public var retryAfter: Double? {
        didSet { retryAfter = Self.clamped(retryAfter) }
    }

    /// The longest wait a provider can ask for (about 115 days): far past any retry budget, and small
    /// enough that every conversion to `Duration` or `Int` stays in range.
    public static let maxRetryAfter: Double = 10_000_000

    static func clamped(_ seconds: Double?) -> Double? {
        guard let seconds, seconds.isFinite, seconds >= 0 else { return nil }
        return min(seconds, maxRetryAfter)
    }
    /// `x-should-retry` when the provider sent it.
    public var shouldRetry: Bool?
    public var requestID: String?

    public init(category: Category, status: Int? = nil, message: String, providerCode: String? = nil,
                retryAfter: Double? = nil, shouldRetry: Bool? = nil, requestID: String? = nil) {
        self.category = category
        self.status = status
        self.message = message
        self.providerCode = providerCode
        self.retryAfter = Self.clamped(retryAfter)
        self.shouldRetry = shouldRetry
        self.requestID = requestID
    }

    public var description: String { message }

    /// The error with `redactor`'s secrets removed from every text that came from the network (the
    /// message, the provider's code, the request id): the one path all providers' errors take, so a key
    /// echoed in an error body's `type`, `status`, `reason` or in `x-amzn-errortype` never reaches output.
    public func redacted(_ redactor: Redactor) -> ProviderError {
        var copy = self
        copy.message = redactor.scrub(message)
        copy.providerCode = providerCode.map(redactor.scrub)
        copy.requestID = requestID.map(redactor.scrub)
        return copy
    }

    /// The stream ended before the provider's end marker.
    public static func truncated(_ provider: String) -> ProviderError {
        ProviderError(category: .truncated,
                      message: "\(provider): the reply stream ended before it was complete (connection dropped?); retry the request")
    }
}
