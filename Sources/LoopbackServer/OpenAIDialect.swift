/// OpenAI Chat Completions streaming (providers.md §2): a role chunk, one `chat.completion.chunk` per
/// token, a finish chunk, a usage chunk when asked for, then `data: [DONE]`.
package struct OpenAIDialect: StreamDialect {
    package let id: String
    package let created: Int
    package let model: String
    package let inputTokens: Int
    package let includeUsage: Bool
    package let obfuscate: Bool

    package static let fingerprint = "fp_mock5050236c"

    package init(id: String, created: Int, model: String, inputTokens: Int, includeUsage: Bool, obfuscate: Bool) {
        self.id = id
        self.created = created
        self.model = model
        self.inputTokens = inputTokens
        self.includeUsage = includeUsage
        self.obfuscate = obfuscate
    }

    package var contentType: String { "text/event-stream; charset=utf-8" }

    package func prologue() -> [Frame] {
        [chunk(Self.choice(delta: #"{"role":"assistant","content":"","refusal":null}"#, finish: nil), pad: 0)]
    }

    package func delta(index: Int, text: String, finish: Finish?) -> [Frame] {
        [chunk(Self.choice(delta: #"{"content":\#(JSONText.quote(text))}"#, finish: nil), pad: index + 1)]
    }

    package func epilogue(tokens: Int, finish: Finish) -> [Frame] {
        var frames = [chunk(Self.choice(delta: "{}", finish: Self.reason(finish)), pad: tokens + 1)]
        if includeUsage {
            frames.append(chunk("", usage: Self.usage(input: inputTokens, output: tokens), pad: tokens + 2))
        }
        return frames
    }

    package func endMarker(tokens: Int, finish: Finish) -> [Frame] { [.sse(event: nil, data: "[DONE]")] }

    /// The `finish_reason` value.
    package static func reason(_ finish: Finish) -> String {
        switch finish {
        case .stop: "stop"
        case .length: "length"
        case .custom(let raw): raw
        }
    }

    /// The `usage` object, keys in OpenAI's own order.
    package static func usage(input: Int, output: Int) -> String {
        #"{"prompt_tokens":\#(input),"completion_tokens":\#(output),"total_tokens":\#(input + output),"#
            + #""prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"#
            + #""completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"#
            + #""accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}"#
    }

    private static func choice(delta: String, finish: String?) -> String {
        #"{"index":0,"delta":\#(delta),"logprobs":null,"finish_reason":\#(finish.map(JSONText.quote) ?? "null")}"#
    }

    private func chunk(_ choices: String, usage: String? = nil, pad: Int) -> Frame {
        let usagePart = usage.map { #","usage":\#($0)"# } ?? ""
        // `obfuscation` is random-length padding in the real API; here its length varies with the index.
        let padding = obfuscate ? #","obfuscation":"\#(String("Xq3vT9aLm2ZpR7wKc4".prefix(pad % 17 + 1)))""# : ""
        return .sse(event: nil, data: #"{"id":"\#(id)","object":"chat.completion.chunk","created":\#(created),"#
            + #""model":\#(JSONText.quote(model)),"service_tier":"default","#
            + #""system_fingerprint":"\#(Self.fingerprint)","choices":[\#(choices)]\#(usagePart)\#(padding)}"#)
    }
}
