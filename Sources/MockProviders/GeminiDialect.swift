import LoopbackServer

/// Gemini's stream: data-only SSE events (or JSON-array pieces), incremental text, `usageMetadata`
/// on every chunk (prompt counts only until the last), `finishReason` on the last chunk, no `[DONE]`.
struct GeminiDialect: MockDialect {
    let model: String
    let responseID: String
    let inputTokens: Int
    let arrayMode: Bool

    var contentType: String { arrayMode ? "application/json; charset=UTF-8" : "text/event-stream" }

    func prologue() -> [Frame] { [] }

    func delta(index: Int, text: String, finish: Finish?) -> [Frame] {
        [frame(chunk(text: text, finish: finish, outputTokens: finish == nil ? nil : index + 1), first: index == 0)]
    }

    func epilogue(tokens: Int, finish: Finish) -> [Frame] { [] }

    func endMarker(tokens: Int, finish: Finish) -> [Frame] {
        // The finish normally rides on the last text chunk; with no text it needs a chunk of its own.
        var frames = tokens == 0 ? [frame(chunk(text: "", finish: finish, outputTokens: 0), first: true)] : []
        if arrayMode { frames.append(.raw(Array("]".utf8))) }
        return frames
    }

    func streamError(type: String?) -> Frame {
        let name = type ?? "INTERNAL"
        let body = #"{"error": {"code": \#(GeminiRoute.code(name)),"message": \#(JSONText.quote(GeminiRoute.message(name))),"#
            + #""status": "\#(name)"}}"#
        return arrayMode ? .raw(Array(",\r\n\(body)]".utf8)) : .sse(event: nil, data: body)
    }

    func malformed() -> Frame {
        let broken = #"{"candidates": [{"content": {"parts": [{"text": "brok"#
        return arrayMode ? .raw(Array(",\r\n\(broken)".utf8)) : .sse(event: nil, data: broken)
    }

    /// A whole `generateContent` response.
    func response(text: String, finish: Finish, outputTokens: Int) -> String {
        chunk(text: text, finish: finish, outputTokens: outputTokens)
    }

    private func frame(_ json: String, first: Bool) -> Frame {
        arrayMode ? .raw(Array(((first ? "[" : ",\r\n") + json).utf8)) : .sse(event: nil, data: json)
    }

    private func chunk(text: String, finish: Finish?, outputTokens: Int?) -> String {
        let finishPart = finish.map { #","finishReason": "\#(Self.reason($0))""# } ?? ""
        let usage: String
        if let outputTokens {
            usage = #"{"promptTokenCount": \#(inputTokens),"candidatesTokenCount": \#(outputTokens),"#
                + #""totalTokenCount": \#(inputTokens + outputTokens),"#
                + #""promptTokensDetails": [{"modality": "TEXT","tokenCount": \#(inputTokens)}]}"#
        } else {
            usage = #"{"promptTokenCount": \#(inputTokens),"totalTokenCount": \#(inputTokens)}"#
        }
        return #"{"candidates": [{"content": {"parts": [{"text": \#(JSONText.quote(text))}],"role": "model"}"#
            + #"\#(finishPart),"index": 0}],"usageMetadata": \#(usage),"#
            + #""modelVersion": \#(JSONText.quote(model)),"responseId": "\#(responseID)"}"#
    }

    static func reason(_ finish: Finish) -> String {
        switch finish {
        case .stop: "STOP"
        case .length: "MAX_TOKENS"
        case .custom(let raw): raw
        }
    }
}
