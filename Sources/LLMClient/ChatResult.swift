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
    /// Why it failed.
    public var error: ChatError
    /// The text streamed before the failure, with the stats of the attempt.
    public var partial: ChatResult

    public init(_ error: ChatError, partial: ChatResult) {
        self.error = error
        self.partial = partial
    }

    public var description: String { error.message }
    public var isCancellation: Bool { error.isCancellation }
}
