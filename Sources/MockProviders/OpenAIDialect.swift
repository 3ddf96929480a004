import LoopbackServer

/// OpenAI's stream (the loopback server's dialect) with the payloads faults send.
extension OpenAIDialect: MockDialect {
    func streamError(type: String?) -> Frame { Self.streamError(type: type) }

    func malformed() -> Frame {
        .sse(event: nil, data: #"{"id":"\#(id)","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"brok"#)
    }

    /// OpenAI's in-stream error event (Azure sends the same).
    static func streamError(type: String?) -> Frame {
        .sse(event: nil, data: #"{"error":{"message":"The server had an error while processing your request. "#
            + #"Sorry about that!","type":\#(JSONText.quote(type ?? "server_error")),"param":null,"code":null}}"#)
    }
}

/// Azure OpenAI's variant of the stream (providers.md §3): an empty-`choices` first chunk with
/// `prompt_filter_results`, per-choice `content_filter_results`, and keys in alphabetical order.
struct AzureDialect: MockDialect {
    let id: String
    let created: Int
    let model: String
    let inputTokens: Int
    let includeUsage: Bool

    static let filterSafe = #"{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"#
        + #""sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}"#

    var contentType: String { "text/event-stream; charset=utf-8" }

    func prologue() -> [Frame] {
        let promptFilter = #"{"hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":false,"detected":false},"#
            + #""self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"#
            + #""violence":{"filtered":false,"severity":"safe"}}"#
        return [.sse(event: nil, data: #"{"choices":[],"created":0,"id":"","model":"","object":"","#
                    + #""prompt_filter_results":[{"prompt_index":0,"content_filter_results":\#(promptFilter)}]}"#),
                chunk(Self.choice(delta: #"{"role":"assistant","content":"","refusal":null}"#, finish: nil, filter: "{}"))]
    }

    func delta(index: Int, text: String, finish: Finish?) -> [Frame] {
        [chunk(Self.choice(delta: #"{"content":\#(JSONText.quote(text))}"#, finish: nil, filter: Self.filterSafe))]
    }

    func epilogue(tokens: Int, finish: Finish) -> [Frame] {
        var frames = [chunk(Self.choice(delta: "{}", finish: OpenAIDialect.reason(finish), filter: "{}"))]
        if includeUsage {
            frames.append(chunk("", usage: Self.usage(input: inputTokens, output: tokens)))
        }
        return frames
    }

    func endMarker(tokens: Int, finish: Finish) -> [Frame] { [.sse(event: nil, data: "[DONE]")] }

    func streamError(type: String?) -> Frame { OpenAIDialect.streamError(type: type) }

    func malformed() -> Frame {
        .sse(event: nil, data: #"{"id":"\#(id)","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"brok"#)
    }

    /// The `usage` object with its keys sorted, as Azure writes it.
    static func usage(input: Int, output: Int) -> String {
        let completion = #"{"accepted_prediction_tokens":0,"audio_tokens":0,"reasoning_tokens":0,"rejected_prediction_tokens":0}"#
        let prompt = #"{"audio_tokens":0,"cached_tokens":0}"#
        return #"{"completion_tokens":\#(output),"completion_tokens_details":\#(completion),"#
            + #""prompt_tokens":\#(input),"prompt_tokens_details":\#(prompt),"total_tokens":\#(input + output)}"#
    }

    /// A whole `chat.completion` object in Azure's key order.
    static func completionJSON(_ chat: OpenAIChat, id: String, created: Int) -> String {
        let plan = chat.plan
        let reason = JSONText.quote(OpenAIDialect.reason(plan.finish))
        return #"{"choices":[{"content_filter_results":\#(filterSafe),"finish_reason":\#(reason),"#
            + #""index":0,"logprobs":null,"message":\#(chat.messageJSON)}],"created":\#(created),"id":"\#(id)","#
            + #""model":\#(JSONText.quote(plan.model)),"object":"chat.completion","#
            + #""system_fingerprint":"\#(OpenAIDialect.fingerprint)","usage":\#(usage(input: plan.inputTokens, output: plan.count))}"#
    }

    private static func choice(delta: String, finish: String?, filter: String) -> String {
        #"{"content_filter_results":\#(filter),"delta":\#(delta),"finish_reason":\#(finish.map(JSONText.quote) ?? "null"),"#
            + #""index":0,"logprobs":null}"#
    }

    private func chunk(_ choices: String, usage: String? = nil) -> Frame {
        let usagePart = usage.map { #","usage":\#($0)"# } ?? ""
        return .sse(event: nil, data: #"{"choices":[\#(choices)],"created":\#(created),"id":"\#(id)","#
            + #""model":\#(JSONText.quote(model)),"object":"chat.completion.chunk","#
            + #""system_fingerprint":"\#(OpenAIDialect.fingerprint)"\#(usagePart)}"#)
    }
}
