import LLMCore

/// The outcome of one reply: the assistant message (text, reasoning, tool calls), why it stopped, usage,
/// and where the time went.
public struct ChatResult: Sendable {
    /// Everything the model produced, in order, as the next turn must send it back.
    public var message: ChatMessage
    public var finishReason: String?
    public var usage: Usage?
    public var stats: RequestStats
    /// The endpoint that answered (after fallback, the model that actually replied).
    public var model: ModelRef

    public init(message: ChatMessage = ChatMessage(role: .assistant, parts: []), finishReason: String? = nil,
                usage: Usage? = nil, stats: RequestStats, model: ModelRef) {
        self.message = message
        self.finishReason = finishReason
        self.usage = usage
        self.stats = stats
        self.model = model
    }

    /// A text-only reply.
    public init(text: String, finishReason: String? = nil, usage: Usage? = nil, stats: RequestStats, model: ModelRef) {
        self.init(message: ChatMessage(role: .assistant, parts: text.isEmpty ? [] : [.text(text)]),
                  finishReason: finishReason, usage: usage, stats: stats, model: model)
    }

    /// The visible answer.
    public var text: String { message.content }
    /// The reasoning the model showed, all blocks joined.
    public var reasoning: String { message.reasoning.map(\.text).joined() }
    /// The tools the model asked to run.
    public var toolCalls: [ToolCall] { message.toolCalls }
    /// True when the model produced anything (text, reasoning or a tool call): such a reply is never
    /// retried or handed to a fallback, because the user has seen it start.
    public var producedOutput: Bool { !message.parts.isEmpty }
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
