/// Bedrock's JSON shapes.
enum BedrockWire {
    /// The Converse request body.
    static func body(_ request: ChatRequest) -> JSONValue {
        .object(omittingNils: [
            "messages": .array(NativeWire.turns(request).map {
                .object(["role": .string($0.role.rawValue), "content": textBlocks($0.content)])
            }),
            "system": NativeWire.systemPrompt(request).map(textBlocks),
            "inferenceConfig": NativeWire.options([
                "maxTokens": request.options.maxTokens.map(JSONValue.number),
                "temperature": request.options.temperature.map(JSONValue.double),
                "stopSequences": request.options.stop.map(NativeWire.strings),
            ]),
        ])
    }

    /// Text as a list of one text block.
    private static func textBlocks(_ text: String) -> JSONValue { .array([.object(["text": .string(text)])]) }

    struct TextBlock: JSONReadable {
        var text: String?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            text = try fields.string("text")
        }
    }

    struct TokenUsage: JSONReadable {
        var inputTokens: Int?
        var outputTokens: Int?
        var totalTokens: Int?
        var cacheReadInputTokens: Int?
        var cacheWriteInputTokens: Int?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            inputTokens = try fields.int("inputTokens")
            outputTokens = try fields.int("outputTokens")
            totalTokens = try fields.int("totalTokens")
            cacheReadInputTokens = try fields.int("cacheReadInputTokens")
            cacheWriteInputTokens = try fields.int("cacheWriteInputTokens")
        }

        /// Cached prompt tokens are input too, as for Anthropic's own API.
        var usage: Usage {
            let cached = (cacheReadInputTokens ?? 0).adding(saturating: cacheWriteInputTokens ?? 0)
            let input = inputTokens.map { $0.adding(saturating: cached) }
            let total = totalTokens ?? input.flatMap { input in outputTokens.map { input.adding(saturating: $0) } }
            return Usage(inputTokens: input, outputTokens: outputTokens, totalTokens: total)
        }
    }

    /// A whole Converse reply.
    struct ConverseReply: JSONReadable {
        struct Output: JSONReadable {
            var message: ReplyMessage?
            init(_ fields: JSONFields) throws(JSONShapeError) { message = try fields.object("message") }
        }

        struct ReplyMessage: JSONReadable {
            var content: [TextBlock]?
            init(_ fields: JSONFields) throws(JSONShapeError) { content = try fields.array("content") }
        }

        var output: Output?
        var stopReason: String?
        var usage: TokenUsage?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            output = try fields.object("output")
            stopReason = try fields.string("stopReason")
            usage = try fields.object("usage")
        }
    }

    /// The fields of every ConverseStream event and exception payload that llmctl reads (others, like
    /// the `p` padding, are ignored).
    struct StreamPayload: JSONReadable {
        var delta: TextBlock?
        var stopReason: String?
        var usage: TokenUsage?
        var message: String?
        var originalMessage: String?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            delta = try fields.object("delta")
            stopReason = try fields.string("stopReason")
            usage = try fields.object("usage")
            message = try fields.string("message")
            originalMessage = try fields.string("originalMessage")
        }
    }
}
