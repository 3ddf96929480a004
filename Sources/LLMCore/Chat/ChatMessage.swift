/// Who said a message in a conversation.
public enum ChatRole: String, Codable, Sendable, Hashable {
    case system, user, assistant
}

/// One message of a conversation, as every provider understands it (text only).
public struct ChatMessage: Codable, Sendable, Hashable {
    public var role: ChatRole
    public var content: String

    public init(role: ChatRole, content: String) {
        self.role = role
        self.content = content
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

    public init(model: ModelRef, system: String? = nil, messages: [ChatMessage],
                options: SamplingOptions = .init(), stream: Bool = true) {
        self.model = model
        self.system = system
        self.messages = messages
        self.options = options
        self.stream = stream
    }
}
