/// The parts of an OpenAI-format chat body a loopback server answers from.
package struct OpenAIChat {
    package let plan: ReplyPlan
    package let stream: Bool
    package let includeUsage: Bool
    package let obfuscate: Bool

    /// Reads `json` (the request body) and plans the reply: `replyText` when given, else `tokens`
    /// tokens; `finishReason` replaces the natural finish.
    package init(json: [String: Any]?, defaultModel: String, tokens: Int, replyText: String?,
                 finishReason: String? = nil) {
        let json = json ?? [:]
        let messages = (json.array("messages") ?? []).compactMap { $0 as? [String: Any] }
        let prompts = messages.map { MessageText.of($0["content"]) }
        let lastUser = messages.last { $0.string("role") == "user" }.map { MessageText.of($0["content"]) } ?? ""
        let options = json.object("stream_options") ?? [:]
        stream = json.bool("stream") ?? false
        includeUsage = options.bool("include_usage") ?? false
        obfuscate = options.bool("include_obfuscation") ?? true
        plan = ReplyPlan(model: json.string("model") ?? defaultModel, prompts: prompts, lastUser: lastUser,
                         maxTokens: json.int("max_completion_tokens") ?? json.int("max_tokens"),
                         tokens: tokens, replyText: replyText, finishReason: finishReason)
    }

    /// The assistant `message` object of a whole reply.
    package var messageJSON: String {
        #"{"role":"assistant","content":\#(JSONText.quote(plan.text)),"refusal":null,"annotations":[]}"#
    }

    /// A whole `chat.completion` object, keys in OpenAI's order.
    package func completionJSON(id: String, created: Int) -> String {
        let reason = JSONText.quote(OpenAIDialect.reason(plan.finish))
        let usage = OpenAIDialect.usage(input: plan.inputTokens, output: plan.count)
        return #"{"id":"\#(id)","object":"chat.completion","created":\#(created),"model":\#(JSONText.quote(plan.model)),"#
            + #""choices":[{"index":0,"message":\#(messageJSON),"logprobs":null,"finish_reason":\#(reason)}],"#
            + #""usage":\#(usage),"service_tier":"default","system_fingerprint":"\#(OpenAIDialect.fingerprint)"}"#
    }

    /// An OpenAI-shaped error body.
    package static func errorJSON(_ message: String, type: String, code: String?, param: String? = nil) -> String {
        #"{"error":{"message":\#(JSONText.quote(message)),"type":\#(JSONText.quote(type)),"#
            + #""param":\#(param.map(JSONText.quote) ?? "null"),"code":\#(code.map(JSONText.quote) ?? "null")}}"#
    }
}
