/// Anthropic's JSON shapes; one `Reply` type covers stream events, whole replies and error bodies.
enum AnthropicWire {
    /// The Messages request body.
    static func body(_ request: ChatRequest) -> JSONValue {
        .object(omittingNils: [
            "model": .string(request.model.model),
            "max_tokens": .number(request.options.maxTokens ?? AnthropicProvider.defaultMaxTokens),
            "system": NativeWire.systemPrompt(request).map(JSONValue.string),
            "messages": .array(NativeWire.turns(request).map { NativeWire.message(role: $0.role.rawValue, content: $0.content) }),
            "temperature": request.options.temperature.map(JSONValue.double),
            "stop_sequences": request.options.stop.map(NativeWire.strings),
            "stream": .bool(request.stream),
        ])
    }

    struct WireUsage: JSONReadable {
        var inputTokens: Int?
        var outputTokens: Int?
        var cacheCreationInputTokens: Int?
        var cacheReadInputTokens: Int?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            inputTokens = try fields.int("input_tokens")
            outputTokens = try fields.int("output_tokens")
            cacheCreationInputTokens = try fields.int("cache_creation_input_tokens")
            cacheReadInputTokens = try fields.int("cache_read_input_tokens")
        }
    }

    struct ErrorBody: JSONReadable {
        var type: String?
        var message: String?

        init() {}

        init(_ fields: JSONFields) throws(JSONShapeError) {
            type = try fields.string("type")
            message = try fields.string("message")
        }
    }

    struct Block: JSONReadable {
        var type: String?
        var text: String?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            type = try fields.string("type")
            text = try fields.string("text")
        }
    }

    struct Delta: JSONReadable {
        var type: String?
        var text: String?
        var stopReason: String?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            type = try fields.string("type")
            text = try fields.string("text")
            stopReason = try fields.string("stop_reason")
        }
    }

    struct StartMessage: JSONReadable {
        var usage: WireUsage?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            usage = try fields.object("usage")
        }
    }

    struct Reply: JSONReadable {
        var type: String?
        var message: StartMessage?
        var delta: Delta?
        var usage: WireUsage?
        var content: [Block]?
        var stopReason: String?
        var error: ErrorBody?
        var requestID: String?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            type = try fields.string("type")
            message = try fields.object("message")
            delta = try fields.object("delta")
            usage = try fields.object("usage")
            content = try fields.array("content")
            stopReason = try fields.string("stop_reason")
            error = try fields.object("error")
            requestID = try fields.string("request_id")
        }
    }
}
