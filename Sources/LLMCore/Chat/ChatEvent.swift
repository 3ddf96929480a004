/// Token counts reported by a provider. Any field may be missing.
///
/// `inputTokens` counts every prompt token, cached ones included (Anthropic and Bedrock report cache
/// reads and writes apart: they are added in); `outputTokens` counts every generated token, reasoning
/// included (Gemini reports thoughts apart: they are added in). The breakdown fields say how much of
/// each was cached, written to the cache, or reasoning.
public struct Usage: Codable, Sendable, Hashable {
    public var inputTokens: Int?
    public var outputTokens: Int?
    public var totalTokens: Int?
    /// Prompt tokens read from the provider's cache (part of `inputTokens`).
    public var cachedInputTokens: Int?
    /// Prompt tokens written to the provider's cache (part of `inputTokens`; Anthropic, Bedrock).
    public var cacheWriteTokens: Int?
    /// Output tokens spent reasoning (part of `outputTokens`).
    public var reasoningTokens: Int?

    public init(inputTokens: Int? = nil, outputTokens: Int? = nil, totalTokens: Int? = nil,
                cachedInputTokens: Int? = nil, cacheWriteTokens: Int? = nil, reasoningTokens: Int? = nil) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.totalTokens = totalTokens
        self.cachedInputTokens = cachedInputTokens
        self.cacheWriteTokens = cacheWriteTokens
        self.reasoningTokens = reasoningTokens
    }

    enum CodingKeys: String, CodingKey {
        case inputTokens = "input_tokens", outputTokens = "output_tokens", totalTokens = "total_tokens"
        case cachedInputTokens = "cached_input_tokens", cacheWriteTokens = "cache_write_tokens"
        case reasoningTokens = "reasoning_tokens"
    }
}

/// The start of a tool call in a stream; its arguments follow as `.toolCallArguments` with the same index.
public struct ToolCallStart: Sendable, Hashable {
    /// The position of the call within the reply (0, 1, …), which its later events refer to.
    public var index: Int
    public var id: String
    public var name: String
    /// Gemini's thought signature on the function-call part.
    public var signature: String?

    public init(index: Int, id: String, name: String, signature: String? = nil) {
        self.index = index
        self.id = id
        self.name = name
        self.signature = signature
    }
}

/// What a provider stream decoder produces from the bytes of one reply.
public enum ChatEvent: Sendable, Hashable {
    /// A piece of the reply's visible text, to be shown at once.
    case text(String)
    /// A piece of the model's reasoning (thinking), shown apart from the answer.
    case reasoning(String)
    /// The opaque signature of the reasoning so far, to be sent back on the next turn.
    case reasoningSignature(String)
    /// Encrypted reasoning the provider withholds but requires back (Anthropic `redacted_thinking`).
    case redactedReasoning(String)
    /// A tool call begins.
    case toolCallStart(ToolCallStart)
    /// A piece of the JSON arguments of the tool call at `index`.
    case toolCallArguments(index: Int, String)
    /// Usage so far; a later value replaces an earlier one.
    case usage(Usage)
    /// Why the model stopped, in the provider's own words (`stop`, `end_turn`, `SAFETY`, …).
    case finish(String)
    /// The provider's end marker was seen: the reply is complete.
    case end

    /// True for events that are the model producing something (text, reasoning or a tool call):
    /// any of them is progress for the first-token timeout, and forbids a retry.
    public var isDelta: Bool {
        switch self {
        case .text(let piece), .reasoning(let piece): !piece.isEmpty
        case .reasoningSignature, .redactedReasoning, .toolCallStart, .toolCallArguments: true
        case .usage, .finish, .end: false
        }
    }
}
