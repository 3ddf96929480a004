/// Token counts reported by a provider. Any field may be missing.
public struct Usage: Codable, Sendable, Hashable {
    public var inputTokens: Int?
    public var outputTokens: Int?
    public var totalTokens: Int?

    public init(inputTokens: Int? = nil, outputTokens: Int? = nil, totalTokens: Int? = nil) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.totalTokens = totalTokens
    }

    enum CodingKeys: String, CodingKey {
        case inputTokens = "input_tokens", outputTokens = "output_tokens", totalTokens = "total_tokens"
    }
}

/// What a provider stream decoder produces from the bytes of one reply.
public enum ChatEvent: Sendable, Hashable {
    /// A piece of the reply's visible text, to be shown at once.
    case text(String)
    /// Usage so far; a later value replaces an earlier one.
    case usage(Usage)
    /// Why the model stopped, in the provider's own words (`stop`, `end_turn`, `SAFETY`, …).
    case finish(String)
    /// The provider's end marker was seen: the reply is complete.
    case end
}
