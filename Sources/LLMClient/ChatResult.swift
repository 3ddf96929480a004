import LLMCore

/// The outcome of one reply: the text, why it stopped, usage, and where the time went.
public struct ChatResult: Sendable {
    public var text: String
    public var finishReason: String?
    public var usage: Usage?
    public var stats: RequestStats
    /// The endpoint that answered (after fallback, the model that actually replied).
    public var model: ModelRef

    public init(text: String = "", finishReason: String? = nil, usage: Usage? = nil, stats: RequestStats, model: ModelRef) {
        self.text = text
        self.finishReason = finishReason
        self.usage = usage
        self.stats = stats
        self.model = model
    }
}

/// A request that failed, with whatever had been received before it failed.
public struct ChatFailure: Error, Sendable, CustomStringConvertible {
    /// A `ProviderError`, `TransportError`, `ConfigError`, `TimeoutError` or `CancellationError`.
    public var underlying: any Error
    /// The text streamed before the failure, with the stats of the attempt.
    public var partial: ChatResult

    public init(underlying: any Error, partial: ChatResult) {
        self.underlying = underlying
        self.partial = partial
    }

    public var description: String { String(describing: underlying) }
    public var isCancellation: Bool { underlying is CancellationError }
}
