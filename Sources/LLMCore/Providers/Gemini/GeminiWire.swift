/// Gemini's JSON shapes (camelCase on the wire).
enum GeminiWire {
    /// The `generateContent` request body.
    static func body(_ request: ChatRequest) -> JSONValue {
        .object(omittingNils: [
            "contents": .array(NativeWire.turns(request).map(GeminiContent.content)),
            "systemInstruction": NativeWire.systemPrompt(request).map { .object(["parts": parts($0)]) },
            "tools": GeminiContent.tools(request.tools),
            "generationConfig": NativeWire.options([
                "temperature": request.options.temperature.map(JSONValue.double),
                "maxOutputTokens": request.options.maxTokens.map(JSONValue.number),
                "stopSequences": request.options.stop.map(NativeWire.strings),
                "thinkingConfig": GeminiContent.thinkingConfig(request.reasoning),
            ]),
        ])
    }

    /// Text as the one part of a `Content`.
    private static func parts(_ text: String) -> JSONValue { .array([.object(["text": .string(text)])]) }

    struct Part: JSONReadable {
        var text: String?
        var thought: Bool?
        var thoughtSignature: String?
        var functionCall: FunctionCall?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            text = try fields.string("text")
            thought = try fields.bool("thought")
            thoughtSignature = try fields.string("thoughtSignature")
            functionCall = try fields.object("functionCall")
        }
    }

    struct FunctionCall: JSONReadable {
        var id: String?
        var name: String?
        var args: JSONValue?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            id = try fields.string("id")
            name = try fields.string("name")
            args = fields.value("args")
        }
    }

    struct Content: JSONReadable {
        var parts: [Part]?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            parts = try fields.array("parts")
        }
    }

    struct Candidate: JSONReadable {
        var content: Content?
        var finishReason: String?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            content = try fields.object("content")
            finishReason = try fields.string("finishReason")
        }
    }

    struct UsageMetadata: JSONReadable {
        var promptTokenCount: Int?
        var cachedContentTokenCount: Int?
        var toolUsePromptTokenCount: Int?
        var candidatesTokenCount: Int?
        var thoughtsTokenCount: Int?
        var totalTokenCount: Int?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            promptTokenCount = try fields.int("promptTokenCount")
            cachedContentTokenCount = try fields.int("cachedContentTokenCount")
            toolUsePromptTokenCount = try fields.int("toolUsePromptTokenCount")
            candidatesTokenCount = try fields.int("candidatesTokenCount")
            thoughtsTokenCount = try fields.int("thoughtsTokenCount")
            totalTokenCount = try fields.int("totalTokenCount")
        }

        /// `promptTokenCount` already includes the cached tokens; tool-use prompt tokens are prompt too.
        /// Thinking tokens are billed as output, so they count as output here (the SDK's
        /// `candidates_token_count` is output minus `reasoning_tokens`).
        var usage: Usage {
            let input = promptTokenCount.map { $0.adding(saturating: toolUsePromptTokenCount ?? 0) } ?? toolUsePromptTokenCount
            let output = candidatesTokenCount.map { $0.adding(saturating: thoughtsTokenCount ?? 0) } ?? thoughtsTokenCount
            return Usage(inputTokens: input, outputTokens: output, totalTokens: totalTokenCount,
                         cachedInputTokens: cachedContentTokenCount, reasoningTokens: thoughtsTokenCount)
        }
    }

    struct PromptFeedback: JSONReadable {
        var blockReason: String?
        var blockReasonMessage: String?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            blockReason = try fields.string("blockReason")
            blockReasonMessage = try fields.string("blockReasonMessage")
        }
    }

    /// One `google.rpc` detail: `ErrorInfo` carries the reason, `RetryInfo` the delay.
    struct ErrorDetail: JSONReadable {
        var reason: String?
        var retryDelay: String?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            reason = try fields.string("reason")
            retryDelay = try fields.string("retryDelay")
        }
    }

    struct ErrorBody: JSONReadable {
        var code: Int?
        var message: String?
        var status: String?
        var details: [ErrorDetail]?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            code = try fields.int("code")
            message = try fields.string("message")
            status = try fields.string("status")
            details = try fields.array("details")
        }

        /// `API_KEY_INVALID` and the like, from the `ErrorInfo` detail.
        var reason: String? { details?.lazy.compactMap(\.reason).first }

        /// `RetryInfo.retryDelay` (`"7s"`, `"1.5s"`) in seconds.
        var retryDelay: Double? {
            guard var text = details?.lazy.compactMap(\.retryDelay).first else { return nil }
            if text.hasSuffix("s") { text.removeLast() }
            return Double(text).flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
        }
    }

    struct Chunk: JSONReadable {
        var candidates: [Candidate]?
        var usageMetadata: UsageMetadata?
        var promptFeedback: PromptFeedback?
        var error: ErrorBody?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            candidates = try fields.array("candidates")
            usageMetadata = try fields.object("usageMetadata")
            promptFeedback = try fields.object("promptFeedback")
            error = try fields.object("error")
        }
    }

    /// An error reply: `{"error":{…}}`, or that object inside a one-element array (JSON-array mode).
    struct ErrorEnvelope: JSONReadable {
        var error: ErrorBody?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            error = try fields.object("error")
        }

        static func parse(_ body: [UInt8]) -> ErrorBody? {
            guard let json = try? JSONValue.parse(body) else { return nil }
            if let envelope = try? ErrorEnvelope(JSONFields(json)) { return envelope.error }
            // Every element must be an envelope, as when the array was decoded as `[ErrorEnvelope]`.
            guard let elements = json.array,
                  let envelopes = try? elements.map({ element throws(JSONShapeError) in try ErrorEnvelope(JSONFields(element)) })
            else { return nil }
            return envelopes.first?.error
        }
    }
}
