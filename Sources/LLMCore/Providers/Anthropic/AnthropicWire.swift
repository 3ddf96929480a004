/// Anthropic's JSON shapes; one `Reply` type covers stream events, whole replies and error bodies.
enum AnthropicWire {
    /// The Messages request body.
    static func body(_ request: ChatRequest, provider: String = "anthropic") throws -> JSONValue {
        let (thinking, maxTokens) = try AnthropicContent.thinking(request, provider: provider)
        return .object(omittingNils: [
            "model": .string(request.model.model),
            "max_tokens": .number(maxTokens),
            "system": NativeWire.systemPrompt(request).map(JSONValue.string),
            "messages": .array(NativeWire.turns(request).map(AnthropicContent.message)),
            "temperature": request.options.temperature.map(JSONValue.double),
            "stop_sequences": request.options.stop.map(NativeWire.strings),
            "stream": .bool(request.stream),
            "tools": request.tools.isEmpty ? nil : .array(request.tools.map(AnthropicContent.tool)),
            "thinking": thinking,
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

    /// A content block: `text`, `thinking` (+ `signature`), `redacted_thinking` (`data`), `tool_use`.
    struct Block: JSONReadable {
        var type: String?
        var text: String?
        var thinking: String?
        var signature: String?
        var data: String?
        var id: String?
        var name: String?
        var input: JSONValue?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            type = try fields.string("type")
            text = try fields.string("text")
            thinking = try fields.string("thinking")
            signature = try fields.string("signature")
            data = try fields.string("data")
            id = try fields.string("id")
            name = try fields.string("name")
            input = fields.value("input")
        }
    }

    /// A `content_block_delta`'s delta (`text_delta`, `thinking_delta`, `signature_delta`,
    /// `input_json_delta`) or a `message_delta`'s (`stop_reason`).
    struct Delta: JSONReadable {
        var type: String?
        var text: String?
        var thinking: String?
        var signature: String?
        var partialJSON: String?
        var stopReason: String?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            type = try fields.string("type")
            text = try fields.string("text")
            thinking = try fields.string("thinking")
            signature = try fields.string("signature")
            partialJSON = try fields.string("partial_json")
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
        var index: Int?
        var contentBlock: Block?
        var message: StartMessage?
        var delta: Delta?
        var usage: WireUsage?
        var content: [Block]?
        var stopReason: String?
        var error: ErrorBody?
        var requestID: String?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            type = try fields.string("type")
            index = try fields.int("index")
            contentBlock = try fields.object("content_block")
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
