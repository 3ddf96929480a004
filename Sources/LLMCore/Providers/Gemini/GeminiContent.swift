/// Messages, tools and the thinking setting in the Gemini API's shapes.
enum GeminiContent {
    /// A message as a `Content`: role `model` for the assistant, `user` otherwise (tool results too,
    /// as `functionResponse` parts). Parts keep their order; thought parts and function calls go back
    /// with their `thoughtSignature`, as the API requires for the next turn.
    static func content(_ message: ChatMessage) -> JSONValue {
        .object(["role": .string(message.role == .assistant ? "model" : "user"),
                 "parts": .array(message.parts.compactMap(part))])
    }

    static func part(_ part: ContentPart) -> JSONValue? {
        switch part {
        case .text(let text):
            return .object(["text": .string(text)])
        case .image(let image):
            return .object(["inlineData": .object(["mimeType": .string(image.mediaType), "data": .string(image.base64)])])
        case .toolCall(let call):
            return .object(omittingNils: [
                "functionCall": .object(["name": .string(call.name), "args": call.argumentsObject]),
                "thoughtSignature": call.signature.map(JSONValue.string),
            ])
        case .toolResult(let result):
            // The API's convention: `output` for a result, `error` for a failure.
            return .object(["functionResponse": .object([
                "name": .string(result.name),
                "response": .object([result.isError ? "error" : "output": .string(result.content)]),
            ])])
        case .reasoning(let reasoning):
            // Only Gemini's own thoughts (text marked `thought`) go back; a bare signature has no part to ride on.
            guard !reasoning.text.isEmpty, reasoning.redacted == nil else { return nil }
            return .object(omittingNils: ["text": .string(reasoning.text), "thought": .bool(true),
                                          "thoughtSignature": reasoning.signature.map(JSONValue.string)])
        }
    }

    /// One `Tool` holding every function declaration; parameters as JSON Schema (`parametersJsonSchema`),
    /// which takes what a `--tool` file holds, unlike the OpenAPI subset of `parameters`.
    static func tools(_ tools: [ToolDefinition]) -> JSONValue? {
        guard !tools.isEmpty else { return nil }
        return .array([.object(["functionDeclarations": .array(tools.map { tool in
            .object(omittingNils: ["name": .string(tool.name), "description": tool.description.map(JSONValue.string),
                                   "parametersJsonSchema": tool.parameters])
        })])])
    }

    /// `thinkingConfig`: a token budget with thought summaries included (so they can be shown); `off` is a
    /// budget of 0. Nil when no setting was made: the model's default applies.
    static func thinkingConfig(_ reasoning: ReasoningSetting?) -> JSONValue? {
        guard let reasoning else { return nil }
        guard let budget = reasoning.budgetTokens else { return .object(["thinkingBudget": .number(0)]) }
        return .object(["thinkingBudget": .number(budget), "includeThoughts": .bool(true)])
    }
}
