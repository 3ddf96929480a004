/// Who said a message in a conversation.
public enum ChatRole: String, Codable, Sendable, Hashable {
    /// `tool` messages carry the results of the tool calls of the assistant message before them.
    case system, user, assistant, tool
}

/// One message of a conversation: a role and its parts (text, images, tool calls and results, reasoning).
public struct ChatMessage: Sendable, Hashable {
    public var role: ChatRole
    public var parts: [ContentPart]

    public init(role: ChatRole, parts: [ContentPart]) {
        self.role = role
        self.parts = parts
    }

    /// A text-only message.
    public init(role: ChatRole, content: String) {
        self.init(role: role, parts: [.text(content)])
    }

    /// The visible text: every text part, in order.
    public var content: String { parts.compactMap(\.text).joined() }

    /// The tool calls of an assistant message, in order.
    public var toolCalls: [ToolCall] {
        parts.compactMap { if case .toolCall(let call) = $0 { call } else { nil } }
    }

    /// The tool results of a `tool` message, in order.
    public var toolResults: [ToolResult] {
        parts.compactMap { if case .toolResult(let result) = $0 { result } else { nil } }
    }

    /// The images of a message, in order.
    public var images: [ImageAttachment] {
        parts.compactMap { if case .image(let image) = $0 { image } else { nil } }
    }

    /// The reasoning blocks of an assistant message, in order.
    public var reasoning: [ReasoningBlock] {
        parts.compactMap { if case .reasoning(let block) = $0 { block } else { nil } }
    }
}

/// Sampling options common to every provider; `nil` means "the provider's default".
public struct SamplingOptions: Codable, Sendable, Hashable {
    public var temperature: Double?
    public var maxTokens: Int?
    public var stop: [String]?

    public init(temperature: Double? = nil, maxTokens: Int? = nil, stop: [String]? = nil) {
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.stop = stop
    }
}

/// Everything a provider needs to build one chat request.
public struct ChatRequest: Sendable, Hashable {
    public var model: ModelRef
    public var system: String?
    public var messages: [ChatMessage]
    public var options: SamplingOptions
    public var stream: Bool
    /// Tools the model may call.
    public var tools: [ToolDefinition]
    /// How much the model should reason; nil leaves it to the provider.
    public var reasoning: ReasoningSetting?

    public init(model: ModelRef, system: String? = nil, messages: [ChatMessage],
                options: SamplingOptions = .init(), stream: Bool = true,
                tools: [ToolDefinition] = [], reasoning: ReasoningSetting? = nil) {
        self.model = model
        self.system = system
        self.messages = messages
        self.options = options
        self.stream = stream
        self.tools = tools
        self.reasoning = reasoning
    }
}
