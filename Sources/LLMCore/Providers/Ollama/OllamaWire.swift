/// Ollama's JSON shapes.
enum OllamaWire {
    /// The `/api/chat` request body.
    static func body(_ request: ChatRequest) -> JSONValue {
        // Ollama has a system role; the system prompt goes first, like the CLI does it.
        let system = NativeWire.systemPrompt(request).map { [NativeWire.message(role: "system", content: $0)] } ?? []
        return .object(omittingNils: [
            "model": .string(request.model.model),
            "messages": .array(system + NativeWire.turns(request).map { NativeWire.message(role: $0.role.rawValue, content: $0.content) }),
            // Always sent: Ollama streams unless told `false`.
            "stream": .bool(request.stream),
            "options": NativeWire.options([
                "temperature": request.options.temperature.map(JSONValue.double),
                "num_predict": request.options.maxTokens.map(JSONValue.number),
                "stop": request.options.stop.map(NativeWire.strings),
            ]),
        ])
    }

    struct Message: JSONReadable {
        var content: String?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            content = try fields.string("content")
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
