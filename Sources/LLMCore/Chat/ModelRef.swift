/// A `provider:model` reference such as `openai:gpt-4o-mini` or `bedrock:anthropic.claude-3-haiku-20240307-v1:0`.
///
/// Only the first colon separates the provider, because model ids (Bedrock, Ollama tags) contain colons.
public struct ModelRef: Hashable, Sendable, Codable, CustomStringConvertible {
    public var provider: String
    public var model: String

    public init(provider: String, model: String) {
        self.provider = provider
        self.model = model
    }

    /// Parses `provider:model`; returns nil when either side is empty or there is no colon.
    public init?(parsing text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let provider = String(text[..<colon]).lowercased()
        let model = String(text[text.index(after: colon)...])
        guard !provider.isEmpty, !model.isEmpty else { return nil }
        self.init(provider: provider, model: model)
    }

    public var description: String { "\(provider):\(model)" }
}
