/// An error object as OpenAI-compatible servers send it: `{"message","type","code","param"}`, or a bare
/// string (`{"error":"…"}`, some proxies and local servers).
struct OpenAIErrorBody: Hashable {
    var message: String?
    var type: String?
    var code: String?
    var param: String?

    init(message: String?, type: String? = nil, code: String? = nil, param: String? = nil) {
        self.message = message
        self.type = type
        self.code = code
        self.param = param
    }

    /// The value of an `error` key; nil when it is empty or null, which the official SDK does not treat
    /// as an error. Codes may be strings or numbers (Azure sends `"429"`, vLLM `400`).
    init?(errorValue value: JSONValue) {
        switch value {
        case .object(let members) where !members.isEmpty:
            self.init(message: value["message"]?.scalarText, type: value["type"]?.scalarText,
                      code: value["code"]?.scalarText, param: value["param"]?.scalarText)
        case .string(let text) where !text.isEmpty:
            self.init(message: text)
        case .bool(true):
            self.init(message: nil)
        case .array(let items) where !items.isEmpty:
            self.init(message: nil)
        case .number(let text) where Double(text) != 0:
            self.init(message: nil, code: text)
        default:
            return nil
        }
    }

    /// The provider's code, preferring the specific `code` over the broad `type`.
    var providerCode: String? { code ?? type }
}

/// One `chat.completion.chunk` or `chat.completion` object, or an error payload. Every field is
/// optional, because `choices: []`, a missing `delta` and `content: null` all occur.
struct OpenAIPayload {
    struct Choice {
        var index: Int?
        /// Visible text of `delta` (streamed) or `message` (whole reply).
        var text: String?
        var finishReason: String?
        /// `reasoning_content` (DeepSeek, vLLM, Qwen) or `reasoning` (OpenRouter, Ollama's /v1).
        var reasoning: String?
        /// `tool_calls` pieces: the first of an index carries id and name, later ones argument text.
        var toolCalls: [ToolCallPiece] = []
    }

    struct ToolCallPiece {
        var index: Int
        var id: String?
        var name: String?
        var arguments: String?
    }

    var choices: [Choice]
    var usage: Usage?
    /// The error this payload reports, in either the `{"error":{…}}` or the flat vLLM shape.
    var error: OpenAIErrorBody?

    /// Reads a payload; nil when the text is not JSON or not an object.
    static func parse(_ text: String) -> OpenAIPayload? {
        (try? JSONValue.parse(text)).flatMap(OpenAIPayload.init)
    }

    static func parse(_ bytes: [UInt8]) -> OpenAIPayload? {
        (try? JSONValue.parse(bytes)).flatMap(OpenAIPayload.init)
    }

    init?(_ json: JSONValue) {
        guard json.members != nil else { return nil }
        choices = (json["choices"]?.array ?? []).map { choice in
            let body = choice["delta"] ?? choice["message"]
            let reasoning = body?["reasoning_content"]?.string ?? body?["reasoning"]?.string
            let calls = (body?["tool_calls"]?.array ?? []).enumerated().map { position, call in
                ToolCallPiece(index: call["index"]?.int ?? position, id: call["id"]?.string,
                              name: call["function"]?["name"]?.string,
                              // Some servers send the arguments as an object rather than JSON text.
                              arguments: call["function"]?["arguments"].flatMap { $0.string ?? $0.jsonText() })
            }
            return Choice(index: choice["index"]?.int, text: Self.visibleText(body),
                          finishReason: choice["finish_reason"]?.string, reasoning: reasoning, toolCalls: calls)
        }
        if let usage = json["usage"], usage.members != nil {
            let counts = Usage(inputTokens: usage["prompt_tokens"]?.int, outputTokens: usage["completion_tokens"]?.int,
                               totalTokens: usage["total_tokens"]?.int,
                               cachedInputTokens: usage["prompt_tokens_details"]?["cached_tokens"]?.int,
                               reasoningTokens: usage["completion_tokens_details"]?["reasoning_tokens"]?.int)
            self.usage = counts == Usage() ? nil : counts
        }
        if let nested = json["error"].flatMap(OpenAIErrorBody.init(errorValue:)) {
            error = nested
        } else if json["object"]?.string == "error" {
            error = OpenAIErrorBody(message: json["message"]?.scalarText, type: json["type"]?.scalarText,
                                    code: json["code"]?.scalarText)
        }
    }

    /// `content` as a string, or the `text` parts of a typed-parts array (Mistral); a refusal when
    /// there is no content, since it is what the model chose to say instead.
    private static func visibleText(_ message: JSONValue?) -> String? {
        guard let message else { return nil }
        var text = message["content"]?.string
        if text == nil, let parts = message["content"]?.array {
            text = parts.filter { ($0["type"]?.string ?? "text") == "text" }.compactMap { $0["text"]?.string }.joined()
        }
        if text?.isEmpty ?? true, let refusal = message["refusal"]?.string { text = refusal }
        return text
    }

    /// The chat events this payload carries: text and finish reason of the first choice, then usage.
    var chatEvents: [ChatEvent] {
        var events: [ChatEvent] = []
        // Only choice 0: llmctl never asks for `n > 1`, and choices of other indexes would interleave.
        for choice in choices where (choice.index ?? 0) == 0 {
            if let reasoning = choice.reasoning, !reasoning.isEmpty { events.append(.reasoning(reasoning)) }
            if let text = choice.text, !text.isEmpty { events.append(.text(text)) }
            for call in choice.toolCalls {
                // The piece with the id starts the call; the others only add argument text.
                if let id = call.id, !id.isEmpty {
                    events.append(.toolCallStart(ToolCallStart(index: call.index, id: id, name: call.name ?? "")))
                }
                if let arguments = call.arguments, !arguments.isEmpty {
                    events.append(.toolCallArguments(index: call.index, arguments))
                }
            }
            if let reason = choice.finishReason, !reason.isEmpty { events.append(.finish(reason)) }
        }
        if let usage { events.append(.usage(usage)) }
        return events
    }
}
