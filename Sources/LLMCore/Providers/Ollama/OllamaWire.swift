/// Ollama's JSON shapes.
enum OllamaWire {
    /// The `/api/chat` request body.
    static func body(_ request: ChatRequest) -> JSONValue {
        // Ollama has a system role; the system prompt goes first, like the CLI does it.
        let system = NativeWire.systemPrompt(request).map { [NativeWire.message(role: "system", content: $0)] } ?? []
        return .object(omittingNils: [
            "model": .string(request.model.model),
            "messages": .array(system + NativeWire.turns(request).flatMap(messages)),
            // Always sent: Ollama streams unless told `false`.
            "stream": .bool(request.stream),
            "tools": request.tools.isEmpty ? nil : .array(request.tools.map(OpenAIProvider.wireTool)),
            "think": think(request),
            "options": NativeWire.options([
                "temperature": request.options.temperature.map(JSONValue.double),
                "num_predict": request.options.maxTokens.map(JSONValue.number),
                "stop": request.options.stop.map(NativeWire.strings),
            ]),
        ])
    }

    /// A message in `/api/chat` form: images as bare base64 in `images`, the assistant's `thinking` and
    /// `tool_calls` (arguments as an object), one `tool` message per result (named by `tool_name`).
    static func messages(_ message: ChatMessage) -> [JSONValue] {
        if message.role == .tool {
            return message.toolResults.map { result in
                .object(["role": .string("tool"), "content": .string(result.content), "tool_name": .string(result.name)])
            }
        }
        let thinking = message.reasoning.map(\.text).joined()
        return [.object(omittingNils: [
            "role": .string(message.role.rawValue),
            "content": .string(message.content),
            "thinking": thinking.isEmpty ? nil : .string(thinking),
            "images": message.images.isEmpty ? nil : .array(message.images.map { .string($0.base64) }),
            "tool_calls": message.toolCalls.isEmpty ? nil : .array(message.toolCalls.map { call in
                .object(["function": .object(["name": .string(call.name), "arguments": call.argumentsObject])])
            }),
        ])]
    }

    /// `think`: gpt-oss takes an effort level, other thinking models a flag; nil when no setting was made.
    static func think(_ request: ChatRequest) -> JSONValue? {
        guard let reasoning = request.reasoning else { return nil }
        guard let effort = reasoning.effort else { return .bool(false) }
        return request.model.model.lowercased().contains("gpt-oss") ? .string(effort) : .bool(true)
    }

    struct Message: JSONReadable {
        var content: String?
        var thinking: String?
        var toolCalls: [ToolCallEntry]?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            content = try fields.string("content")
            thinking = try fields.string("thinking")
            toolCalls = try fields.array("tool_calls")
        }
    }

    struct ToolCallEntry: JSONReadable {
        var id: String?
        var function: Function?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            id = try fields.string("id")
            function = try fields.object("function")
        }
    }

    struct Function: JSONReadable {
        var name: String?
        var arguments: JSONValue?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            name = try fields.string("name")
            arguments = fields.value("arguments")
        }
    }

    /// One line of the stream, the whole non-streamed reply, or an error body.
    struct Line: JSONReadable {
        var message: Message?
        var done: Bool?
        var doneReason: String?
        var promptEvalCount: Int?
        var evalCount: Int?
        var error: String?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            message = try fields.object("message")
            done = try fields.bool("done")
            doneReason = try fields.string("done_reason")
            promptEvalCount = try fields.int("prompt_eval_count")
            evalCount = try fields.int("eval_count")
            error = try fields.string("error")
        }
    }
}
