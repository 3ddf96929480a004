/// Messages, tools and the reasoning setting in the Converse API's shapes.
enum BedrockContent {
    /// A message: `assistant` or `user` (tool results are `toolResult` blocks of a user message), its
    /// parts as content blocks in order; reasoning goes back with its signature, as Claude requires.
    static func message(_ message: ChatMessage) -> JSONValue {
        var blocks = message.parts.compactMap(block)
        // A message of empty text keeps its one (empty) text block, as before: never an empty list.
        if blocks.isEmpty { blocks = [.object(["text": .string(message.content)])] }
        return .object(["role": .string(message.role == .assistant ? "assistant" : "user"), "content": .array(blocks)])
    }

    static func block(_ part: ContentPart) -> JSONValue? {
        switch part {
        case .text(let text):
            return text.isEmpty ? nil : .object(["text": .string(text)])
        case .image(let image):
            // Converse names the format (`png`, `jpeg`, `gif`, `webp`); JSON carries the bytes in base64.
            let format = image.mediaType.split(separator: "/").last.map(String.init) ?? image.mediaType
            return .object(["image": .object(["format": .string(format), "source": .object(["bytes": .string(image.base64)])])])
        case .toolCall(let call):
            return .object(["toolUse": .object(["toolUseId": .string(call.id), "name": .string(call.name),
                                                "input": call.argumentsObject])])
        case .toolResult(let result):
            return .object(["toolResult": .object([
                "toolUseId": .string(result.callID),
                "content": .array([.object(["text": .string(result.content)])]),
                "status": .string(result.isError ? "error" : "success"),
            ])])
        case .reasoning(let reasoning):
            if let data = reasoning.redacted {
                return .object(["reasoningContent": .object(["redactedContent": .string(data)])])
            }
            guard let signature = reasoning.signature else { return nil }
            return .object(["reasoningContent": .object(["reasoningText": .object([
                "text": .string(reasoning.text), "signature": .string(signature)])])])
        }
    }

    static func toolConfig(_ tools: [ToolDefinition]) -> JSONValue? {
        guard !tools.isEmpty else { return nil }
        return .object(["tools": .array(tools.map { tool in
            .object(["toolSpec": .object(omittingNils: ["name": .string(tool.name),
                                                        "description": tool.description.map(JSONValue.string),
                                                        "inputSchema": .object(["json": tool.parameters])])])
        })])
    }

    /// The model's own reasoning knob in `additionalModelRequestFields`, and the `maxTokens` that goes
    /// with it: Claude takes Anthropic's `thinking` (budget ≥ 1024, below maxTokens); gpt-oss takes
    /// `reasoning_effort`. Other models have no knob llmctl knows: asking is an error, not ignored.
    static func reasoning(_ request: ChatRequest, provider: String) throws -> (fields: JSONValue?, maxTokens: Int?) {
        let model = request.model.model.lowercased()
        guard let setting = request.reasoning else { return (nil, request.options.maxTokens) }
        if model.contains("anthropic.claude") {
            guard setting != .off else { return (nil, request.options.maxTokens) }
            let (thinking, maxTokens) = try AnthropicContent.thinking(request, provider: provider)
            return (thinking.map { .object(["thinking": $0]) }, maxTokens)
        }
        if model.contains("openai.gpt-oss") {
            return (setting.effort.map { .object(["reasoning_effort": .string($0)]) }, request.options.maxTokens)
        }
        guard setting == .off else {
            throw ConfigError(message: "\(provider): llmctl knows the reasoning setting of Claude and gpt-oss models on Bedrock, not of \(request.model.model); leave out --reasoning (a model that reasons unasked is still shown)")
        }
        return (nil, request.options.maxTokens)
    }
}
