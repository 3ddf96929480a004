/// The JSON body of a Chat Completions request.
struct OpenAIRequestBody: Encodable {
    struct StreamOptions: Encodable {
        var includeUsage: Bool
        enum CodingKeys: String, CodingKey { case includeUsage = "include_usage" }
    }

    var model: String
    var messages: [ChatMessage]
    var temperature: Double?
    var maxTokens: Int?
    var maxCompletionTokens: Int?
    var stop: [String]?
    var stream: Bool?
    var streamOptions: StreamOptions?

    enum CodingKeys: String, CodingKey {
        case model, messages, temperature, stop, stream
        case maxTokens = "max_tokens", maxCompletionTokens = "max_completion_tokens"
        case streamOptions = "stream_options"
    }
}

/// An error object as OpenAI-compatible servers send it: `{"message","type","code","param"}`, or a bare
/// string (`{"error":"…"}`, some proxies and local servers).
struct OpenAIErrorBody: Decodable, Hashable {
    var message: String?
    var type: String?
    var code: String?
    var param: String?
    /// True for `{}` or `""`, which the official SDK does not treat as an error.
    var isEmpty = false

    init(message: String?, type: String?, code: String?, param: String? = nil) {
        self.message = message
        self.type = type
        self.code = code
        self.param = param
    }

    enum CodingKeys: String, CodingKey { case message, type, code, param }

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: CodingKeys.self) {
            message = container.lenient(JSONScalarText.self, forKey: .message)?.value
            type = container.lenient(JSONScalarText.self, forKey: .type)?.value
            code = container.lenient(JSONScalarText.self, forKey: .code)?.value
            param = container.lenient(JSONScalarText.self, forKey: .param)?.value
            isEmpty = container.allKeys.isEmpty
        } else {
            let text = try decoder.singleValueContainer().decode(JSONScalarText.self).value
            message = text
            isEmpty = text.isEmpty
        }
    }

    /// The provider's code, preferring the specific `code` over the broad `type`.
    var providerCode: String? { code ?? type }
}

/// One `chat.completion.chunk` or `chat.completion` object, or an error payload. Every field is
/// optional and read leniently, because `choices: []`, a missing `delta` and `content: null` all occur.
struct OpenAIPayload: Decodable {
    struct Choice: Decodable {
        var index: Int?
        var delta: Message?
        var message: Message?
        var finishReason: String?

        enum CodingKeys: String, CodingKey {
            case index, delta, message
            case finishReason = "finish_reason"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            index = container.lenient(Int.self, forKey: .index)
            delta = container.lenient(Message.self, forKey: .delta)
            message = container.lenient(Message.self, forKey: .message)
            finishReason = container.lenient(String.self, forKey: .finishReason)
        }
    }

    struct Message: Decodable {
        /// Visible text: `content`, or a refusal (which is what the model chose to say instead).
        var text: String?

        private struct Part: Decodable {
            var type: String?
            var text: String?
        }

        enum CodingKeys: String, CodingKey { case content, refusal }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let content = container.lenient(String.self, forKey: .content) {
                text = content
            } else if let parts = container.lenient([Part].self, forKey: .content) {
                // Some servers (Mistral) send content as typed parts; only `text` parts are visible.
                text = parts.filter { ($0.type ?? "text") == "text" }.compactMap(\.text).joined()
            }
            if text?.isEmpty ?? true, let refusal = container.lenient(String.self, forKey: .refusal) {
                text = refusal
            }
        }
    }

    struct WireUsage: Decodable {
        var promptTokens: Int?
        var completionTokens: Int?
        var totalTokens: Int?

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens", completionTokens = "completion_tokens"
            case totalTokens = "total_tokens"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            promptTokens = container.lenient(Int.self, forKey: .promptTokens)
            completionTokens = container.lenient(Int.self, forKey: .completionTokens)
            totalTokens = container.lenient(Int.self, forKey: .totalTokens)
        }
    }

    var choices: [Choice]
    var usage: WireUsage?
    /// The error this payload reports, in either the `{"error":{…}}` or the flat vLLM shape.
    var error: OpenAIErrorBody?

    enum CodingKeys: String, CodingKey { case choices, usage, error, object, message, type, code }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        choices = container.lenient([Choice].self, forKey: .choices) ?? []
        usage = container.lenient(WireUsage.self, forKey: .usage)
        if let nested = container.lenient(OpenAIErrorBody.self, forKey: .error), !nested.isEmpty {
            error = nested
        } else if container.lenient(String.self, forKey: .object) == "error" {
            error = OpenAIErrorBody(message: container.lenient(JSONScalarText.self, forKey: .message)?.value,
                                    type: container.lenient(JSONScalarText.self, forKey: .type)?.value,
                                    code: container.lenient(JSONScalarText.self, forKey: .code)?.value)
        }
    }

    /// The chat events this payload carries: text and finish reason of the first choice, then usage.
    var chatEvents: [ChatEvent] {
        var events: [ChatEvent] = []
        // Only choice 0: llmctl never asks for `n > 1`, and choices of other indexes would interleave.
        for choice in choices where (choice.index ?? 0) == 0 {
            if let text = (choice.delta ?? choice.message)?.text, !text.isEmpty { events.append(.text(text)) }
            if let reason = choice.finishReason, !reason.isEmpty { events.append(.finish(reason)) }
        }
        if let usage, usage.promptTokens != nil || usage.completionTokens != nil || usage.totalTokens != nil {
            events.append(.usage(Usage(inputTokens: usage.promptTokens, outputTokens: usage.completionTokens,
                                       totalTokens: usage.totalTokens)))
        }
        return events
    }
}
