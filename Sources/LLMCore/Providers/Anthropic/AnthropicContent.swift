/// Messages, tools and the thinking setting in the Anthropic Messages API's shapes.
enum AnthropicContent {
    /// The smallest thinking budget the API accepts.
    static let minimumThinkingBudget = 1024

    /// A message: a plain string when it is text only, else content blocks in the order of its parts
    /// (thinking blocks go back with their signatures, as the API requires for the next turn).
    /// Tool results are `user` messages of `tool_result` blocks.
    static func message(_ message: ChatMessage) -> JSONValue {
        let role = message.role == .assistant ? "assistant" : "user"
        let textOnly = message.parts.allSatisfy { $0.text != nil }
        if textOnly { return NativeWire.message(role: role, content: message.content) }
        let blocks = message.parts.compactMap(block)
        return .object(["role": .string(role), "content": .array(blocks)])
    }

    /// One content block; nil for an empty text part (the API rejects empty text blocks).
    static func block(_ part: ContentPart) -> JSONValue? {
        switch part {
        case .text(let text):
            return text.isEmpty ? nil : .object(["type": .string("text"), "text": .string(text)])
        case .image(let image):
            return .object(["type": .string("image"),
                            "source": .object(["type": .string("base64"), "media_type": .string(image.mediaType),
                                               "data": .string(image.base64)])])
        case .toolCall(let call):
            return .object(["type": .string("tool_use"), "id": .string(call.id), "name": .string(call.name),
                            "input": call.argumentsObject])
        case .toolResult(let result):
            return .object(omittingNils: ["type": .string("tool_result"), "tool_use_id": .string(result.callID),
                                          "content": .string(result.content),
                                          "is_error": result.isError ? .bool(true) : nil])
        case .reasoning(let reasoning):
            if let data = reasoning.redacted {
                return .object(["type": .string("redacted_thinking"), "data": .string(data)])
            }
            // Unsigned reasoning (another provider's, or an interrupted block) is not accepted back.
            guard let signature = reasoning.signature else { return nil }
            return .object(["type": .string("thinking"), "thinking": .string(reasoning.text),
                            "signature": .string(signature)])
        }
    }

    static func tool(_ tool: ToolDefinition) -> JSONValue {
        .object(omittingNils: ["name": .string(tool.name), "description": tool.description.map(JSONValue.string),
                               "input_schema": tool.parameters])
    }

    /// `thinking` and the `max_tokens` that goes with it: the budget must be at least 1024 and below
    /// `max_tokens`, so without an explicit `--max-tokens` the default answer length is added to it.
    static func thinking(_ request: ChatRequest, provider: String) throws -> (thinking: JSONValue?, maxTokens: Int) {
        let asked = request.options.maxTokens
        guard let budget = request.reasoning?.budgetTokens else {
            return (nil, asked ?? AnthropicProvider.defaultMaxTokens)
        }
        guard budget >= minimumThinkingBudget else {
            throw ConfigError(message: "\(provider) needs a reasoning budget of at least \(minimumThinkingBudget) tokens (got \(budget)); use --reasoning low or a larger number")
        }
        if let asked, asked <= budget {
            throw ConfigError(message: "\(provider) needs --max-tokens above the reasoning budget (\(asked) ≤ \(budget)); raise --max-tokens or lower --reasoning")
        }
        return (.object(["type": .string("enabled"), "budget_tokens": .number(budget)]),
                asked ?? budget + AnthropicProvider.defaultMaxTokens)
    }
}
