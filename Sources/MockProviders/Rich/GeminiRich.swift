import Foundation
import LoopbackServer

/// Rich turns in the Gemini API's format: thought parts (`thought: true`), a `functionCall` part (whole,
/// in one chunk) carrying a `thoughtSignature` when thinking is on — which the next turn must send
/// back — `functionResponse` and `inlineData` parts read from the request, and `cachedContentTokenCount`
/// / `thoughtsTokenCount` in the usage.
enum GeminiRich {
    static func signature(_ name: String) -> String {
        "gemsig_" + String(SigV4.sha256Hex(Array(name.utf8)).prefix(24))
    }

    static func respond(_ ctx: RequestContext, model: String, arrayMode: Bool, streaming: Bool) -> MockResponse? {
        guard let json = ctx.json else { return nil }
        let contents = (json.array("contents") ?? []).compactMap { $0 as? [String: Any] }
        var request = RichRequest()
        for tool in json.array("tools") ?? [] {
            for declaration in (tool as? [String: Any])?.array("functionDeclarations") ?? [] {
                if let name = (declaration as? [String: Any])?.string("name") { request.toolNames.append(name) }
            }
        }
        // Proto3 JSON: the API takes each field as lowerCamelCase or as its proto name (google-genai sends
        // `thinking_budget` / `include_thoughts` inside `thinkingConfig`).
        let config = json.object("generationConfig") ?? json.object("generation_config")
        let thinking = config?.object("thinkingConfig") ?? config?.object("thinking_config")
        let budget = thinking?.int("thinkingBudget") ?? thinking?.int("thinking_budget")
        let level = thinking?.string("thinkingLevel") ?? thinking?.string("thinking_level")
        request.wantsReasoning = budget.map { $0 != 0 } ?? (level != nil)
        if let refusal = check(contents, thinking: request.wantsReasoning, ctx, arrayMode: arrayMode) { return refusal }
        guard let last = contents.last, (last.string("role") ?? "user") == "user" else { return nil }
        for part in last.array("parts") ?? [] {
            guard let part = part as? [String: Any] else { continue }
            if let response = part.object("functionResponse") {
                let body = response.object("response") ?? [:]
                let content = body.string("output") ?? body.string("error") 
                    ?? String(decoding: (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
                request.toolResults.append((response.string("name") ?? "", content))
            } else if let inline = part.object("inlineData") {
                guard let bytes = RichTurn.bytes(base64: inline.string("data") ?? "") else {
                    return error(400, "Invalid value at 'contents[\(contents.count - 1)].parts[0].inline_data.data' (TYPE_BYTES), Base64 decoding failed", arrayMode)
                }
                request.images.append((inline.string("mimeType") ?? "", bytes))
            }
        }
        guard let reply = RichTurn.reply(to: request, ctx.configuration) else { return nil }
        let responseID = "mockResp\(ctx.idSuffix)"
        let chunks = chunks(reply, model: model, responseID: responseID, signed: request.wantsReasoning)
        guard streaming else { return .json(200, merged(reply, model: model, responseID: responseID, signed: request.wantsReasoning)) }
        let groups = chunks.enumerated().map { index, chunk in
            [arrayMode ? Frame.raw(Array(((index == 0 ? "[" : ",\r\n") + chunk).utf8)) : .sse(event: nil, data: chunk)]
        }
        return ScriptedDialect(contentType: arrayMode ? "application/json; charset=UTF-8" : "text/event-stream",
                               head: [], deltas: groups, tail: [], end: arrayMode ? [.raw(Array("]".utf8))] : [],
                               base: GeminiDialect(model: model, responseID: responseID, inputTokens: reply.inputTokens, arrayMode: arrayMode))
            .response(model: model, headers: [])
    }

    /// The API's checks: a function response follows a model turn that called a function, and with
    /// thinking on every function call comes back with the signature it was given.
    static func check(_ contents: [[String: Any]], thinking: Bool, _ ctx: RequestContext, arrayMode: Bool) -> MockResponse? {
        for (position, content) in contents.enumerated() {
            let parts = (content.array("parts") ?? []).compactMap { $0 as? [String: Any] }
            if parts.contains(where: { $0["functionResponse"] != nil }) {
                let before = position > 0 ? (contents[position - 1].array("parts") ?? []).compactMap { $0 as? [String: Any] } : []
                if !before.contains(where: { $0["functionCall"] != nil }) {
                    return error(400, "Please ensure that function response turn comes immediately after a function call turn.", arrayMode)
                }
            }
            guard thinking, content.string("role") == "model" else { continue }
            for (index, part) in parts.enumerated() {
                guard let call = part.object("functionCall") else { continue }
                let name = call.string("name") ?? ""
                if part.string("thoughtSignature") != signature(name) {
                    return error(400, "Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call `default_api:\(name)` , position \(index + 1). Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.", arrayMode)
                }
            }
        }
        return nil
    }

    static func error(_ status: Int, _ message: String, _ arrayMode: Bool) -> MockResponse {
        let body = #"{"error":{"code":\#(status),"message":\#(JSONText.quote(message)),"status":"INVALID_ARGUMENT"}}"#
        return .json(status, arrayMode ? "[\(body)]" : body)
    }

    static func usage(_ reply: RichReply, final: Bool) -> String {
        let prompt = reply.inputTokens + (reply.cacheRead ?? 0)
        let cached = reply.cacheRead.map { #","cachedContentTokenCount":\#($0)"# } ?? ""
        guard final else { return #"{"promptTokenCount":\#(prompt),"totalTokenCount":\#(prompt)\#(cached)}"# }
        let thoughts = reply.reasoningTokens
        let candidates = reply.outputTokens - thoughts
        return #"{"promptTokenCount":\#(prompt),"candidatesTokenCount":\#(candidates),"#
            + #""totalTokenCount":\#(prompt + candidates + thoughts)\#(cached)"#
            + (thoughts > 0 ? #","thoughtsTokenCount":\#(thoughts)"# : "") + "}"
    }

    static func callPart(_ reply: RichReply, signed: Bool) -> String? {
        guard let call = reply.toolCall else { return nil }
        let sig = signed ? #","thoughtSignature":"\#(signature(call.name))""# : ""
        return #"{"functionCall":{"name":\#(JSONText.quote(call.name)),"args":\#(call.arguments)}\#(sig)}"#
    }

    static func chunk(_ parts: [String], final: Bool, _ reply: RichReply, model: String, responseID: String) -> String {
        #"{"candidates":[{"content":{"parts":[\#(parts.joined(separator: ","))],"role":"model"}"#
            + (final ? #","finishReason":"STOP""# : "") + #","index":0}],"usageMetadata":\#(usage(reply, final: final)),"#
            + #""modelVersion":\#(JSONText.quote(model)),"responseId":"\#(responseID)"}"#
    }

    /// One chunk per reasoning or answer piece, the function call whole in one; the last carries the
    /// finish reason and the final counts.
    static func chunks(_ reply: RichReply, model: String, responseID: String, signed: Bool) -> [String] {
        var parts = reply.reasoningPieces.map { [#"{"text":\#(JSONText.quote($0)),"thought":true}"#] }
        parts += reply.textPieces.map { [#"{"text":\#(JSONText.quote($0))}"#] }
        if let call = callPart(reply, signed: signed) { parts.append([call]) }
        return parts.enumerated().map { index, part in
            chunk(part, final: index == parts.count - 1, reply, model: model, responseID: responseID)
        }
    }

    /// The whole `generateContent` response.
    static func merged(_ reply: RichReply, model: String, responseID: String, signed: Bool) -> String {
        var parts: [String] = []
        if let reasoning = reply.reasoning { parts.append(#"{"text":\#(JSONText.quote(reasoning)),"thought":true}"#) }
        if let text = reply.text { parts.append(#"{"text":\#(JSONText.quote(text))}"#) }
        if let call = callPart(reply, signed: signed) { parts.append(call) }
        return chunk(parts, final: true, reply, model: model, responseID: responseID)
    }
}
