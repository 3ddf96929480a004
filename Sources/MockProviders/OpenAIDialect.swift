/// OpenAI Chat Completions streaming (providers.md §2), and Azure's variant of it (§3): Azure adds an
/// empty-`choices` first chunk with `prompt_filter_results`, per-choice `content_filter_results`,
/// and writes keys in alphabetical order.
struct OpenAIDialect: StreamDialect {
    let id: String
    let created: Int
    let model: String
    let inputTokens: Int
    let includeUsage: Bool
    let obfuscate: Bool
    let azure: Bool

    static let fingerprint = "fp_mock5050236c"
    static let filterSafe = #"{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"#
        + #""sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}"#

    var contentType: String { "text/event-stream; charset=utf-8" }

    func prologue() -> [Frame] {
        var frames: [Frame] = []
        if azure {
            let promptFilter = #"{"hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":false,"detected":false},"#
                + #""self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"#
                + #""violence":{"filtered":false,"severity":"safe"}}"#
            frames.append(.sse(event: nil, data: #"{"choices":[],"created":0,"id":"","model":"","object":"","#
                + #""prompt_filter_results":[{"prompt_index":0,"content_filter_results":\#(promptFilter)}]}"#))
        }
        frames.append(chunk(choice(delta: #"{"role":"assistant","content":"","refusal":null}"#,
                                   finish: nil, filter: "{}"), pad: 0))
        return frames
    }

    func delta(index: Int, text: String, finish: Finish?) -> [Frame] {
        [chunk(choice(delta: #"{"content":\#(JSONText.quote(text))}"#, finish: nil, filter: Self.filterSafe),
               pad: index + 1)]
    }

    func epilogue(tokens: Int, finish: Finish) -> [Frame] {
        var frames = [chunk(choice(delta: "{}", finish: Self.reason(finish), filter: "{}"), pad: tokens + 1)]
        if includeUsage {
            frames.append(chunk("", usage: Self.usage(input: inputTokens, output: tokens, sorted: azure),
                                pad: tokens + 2))
        }
        return frames
    }

    func endMarker(tokens: Int, finish: Finish) -> [Frame] { [.sse(event: nil, data: "[DONE]")] }

    func streamError(type: String?) -> Frame {
        .sse(event: nil, data: #"{"error":{"message":"The server had an error while processing your request. "#
            + #"Sorry about that!","type":\#(JSONText.quote(type ?? "server_error")),"param":null,"code":null}}"#)
    }

    func malformed() -> Frame {
        .sse(event: nil, data: #"{"id":"\#(id)","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"brok"#)
    }

    static func reason(_ finish: Finish) -> String {
        switch finish {
        case .stop: "stop"
        case .length: "length"
        case .custom(let raw): raw
        }
    }

    /// The `usage` object; Azure sorts keys alphabetically, OpenAI writes them in its own order.
    static func usage(input: Int, output: Int, sorted: Bool) -> String {
        let completion = #"{"accepted_prediction_tokens":0,"audio_tokens":0,"reasoning_tokens":0,"rejected_prediction_tokens":0}"#
        let prompt = #"{"audio_tokens":0,"cached_tokens":0}"#
        if sorted {
            return #"{"completion_tokens":\#(output),"completion_tokens_details":\#(completion),"#
                + #""prompt_tokens":\#(input),"prompt_tokens_details":\#(prompt),"total_tokens":\#(input + output)}"#
        }
        return #"{"prompt_tokens":\#(input),"completion_tokens":\#(output),"total_tokens":\#(input + output),"#
            + #""prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"#
            + #""completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"#
            + #""accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}"#
    }

    private func choice(delta: String, finish: String?, filter: String) -> String {
        let reason = finish.map(JSONText.quote) ?? "null"
        if azure {
            return #"{"content_filter_results":\#(filter),"delta":\#(delta),"finish_reason":\#(reason),"#
                + #""index":0,"logprobs":null}"#
        }
        return #"{"index":0,"delta":\#(delta),"logprobs":null,"finish_reason":\#(reason)}"#
    }

    private func chunk(_ choices: String, usage: String? = nil, pad: Int) -> Frame {
        if azure {
            let usagePart = usage.map { #","usage":\#($0)"# } ?? ""
            return .sse(event: nil, data: #"{"choices":[\#(choices)],"created":\#(created),"id":"\#(id)","#
                + #""model":\#(JSONText.quote(model)),"object":"chat.completion.chunk","#
                + #""system_fingerprint":"\#(Self.fingerprint)"\#(usagePart)}"#)
        }
        let usagePart = usage.map { #","usage":\#($0)"# } ?? ""
        // `obfuscation` is random-length padding in the real API; here its length varies with the index.
        let padding = obfuscate ? #","obfuscation":"\#(String("Xq3vT9aLm2ZpR7wKc4".prefix(pad % 17 + 1)))""# : ""
        return .sse(event: nil, data: #"{"id":"\#(id)","object":"chat.completion.chunk","created":\#(created),"#
            + #""model":\#(JSONText.quote(model)),"service_tier":"default","#
            + #""system_fingerprint":"\#(Self.fingerprint)","choices":[\#(choices)]\#(usagePart)\#(padding)}"#)
    }
}
