/// Bedrock's JSON shapes.
enum BedrockWire {
    /// The Converse request body.
    static func body(_ request: ChatRequest, provider: String = "bedrock") throws -> JSONValue {
        let (reasoning, maxTokens) = try BedrockContent.reasoning(request, provider: provider)
        return .object(omittingNils: [
            "messages": .array(NativeWire.turns(request).map(BedrockContent.message)),
            "system": NativeWire.systemPrompt(request).map(textBlocks),
            "inferenceConfig": NativeWire.options([
                "maxTokens": maxTokens.map(JSONValue.number),
                "temperature": request.options.temperature.map(JSONValue.double),
                "stopSequences": request.options.stop.map(NativeWire.strings),
            ]),
            "toolConfig": BedrockContent.toolConfig(request.tools),
            "additionalModelRequestFields": reasoning,
        ])
    }

    /// Text as a list of one text block.
    private static func textBlocks(_ text: String) -> JSONValue { .array([.object(["text": .string(text)])]) }

    /// A content block of a whole reply, or a stream delta: `text`, `toolUse`, `reasoningContent`.
    struct Block: JSONReadable {
        var text: String?
        var toolUse: ToolUse?
        var reasoningContent: Reasoning?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            text = try fields.string("text")
            toolUse = try fields.object("toolUse")
            reasoningContent = try fields.object("reasoningContent")
        }
    }

    /// A tool call: whole in a reply (`input` an object), its id and name at a block's start, its input
    /// as JSON text pieces in deltas.
    struct ToolUse: JSONReadable {
        var toolUseId: String?
        var name: String?
        var input: JSONValue?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            toolUseId = try fields.string("toolUseId")
            name = try fields.string("name")
            input = fields.value("input")
        }
    }

    /// Reasoning: in a reply `reasoningText {text, signature}` or `redactedContent`; in a stream delta
    /// `text`, `signature` or `redactedContent` directly.
    struct Reasoning: JSONReadable {
        var reasoningText: ReasoningText?
        var text: String?
        var signature: String?
        var redactedContent: String?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            reasoningText = try fields.object("reasoningText")
            text = try fields.string("text")
            signature = try fields.string("signature")
            redactedContent = try fields.string("redactedContent")
        }
    }

    struct ReasoningText: JSONReadable {
        var text: String?
        var signature: String?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            text = try fields.string("text")
            signature = try fields.string("signature")
        }
    }

    /// `contentBlockStart.start`: a tool call's id and name.
    struct BlockStart: JSONReadable {
        var toolUse: ToolUse?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            toolUse = try fields.object("toolUse")
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

        /// Cached prompt tokens are input too, as for Anthropic's own API (`inputTokens` counts only
        /// the rest): input = inputTokens + cache reads + cache writes.
        var usage: Usage {
            let cached = (cacheReadInputTokens ?? 0).adding(saturating: cacheWriteInputTokens ?? 0)
            let input = inputTokens.map { $0.adding(saturating: cached) }
            let total = totalTokens ?? input.flatMap { input in outputTokens.map { input.adding(saturating: $0) } }
            return Usage(inputTokens: input, outputTokens: outputTokens, totalTokens: total,
                         cachedInputTokens: cacheReadInputTokens, cacheWriteTokens: cacheWriteInputTokens)
        }
    }

    /// A whole Converse reply.
    struct ConverseReply: JSONReadable {
        struct Output: JSONReadable {
            var message: ReplyMessage?
            init(_ fields: JSONFields) throws(JSONShapeError) { message = try fields.object("message") }
        }

        struct ReplyMessage: JSONReadable {
            var content: [Block]?
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
        var delta: Block?
        var start: BlockStart?
        var contentBlockIndex: Int?
        var stopReason: String?
        var usage: TokenUsage?
        var message: String?
        var originalMessage: String?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            delta = try fields.object("delta")
            start = try fields.object("start")
            contentBlockIndex = try fields.int("contentBlockIndex")
            stopReason = try fields.string("stopReason")
            usage = try fields.object("usage")
            message = try fields.string("message")
            originalMessage = try fields.string("originalMessage")
        }
    }
}
