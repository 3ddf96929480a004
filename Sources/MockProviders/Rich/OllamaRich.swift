import Foundation
import LoopbackServer

/// Rich turns in Ollama's `/api/chat` format: `thinking` deltas (when `think` is on), tool calls whole
/// in one line (arguments an object, no id), `tool` messages named by `tool_name`, bare base64 `images`.
/// Ollama reports no cache or reasoning counts: `eval_count` covers thinking and answer.
enum OllamaRich {
    static func respond(_ ctx: RequestContext) -> MockResponse? {
        guard let json = ctx.json else { return nil }
        let messages = (json.array("messages") ?? []).compactMap { $0 as? [String: Any] }
        var request = RichRequest()
        request.toolNames = (json.array("tools") ?? []).compactMap { (($0 as? [String: Any])?["function"] as? [String: Any])?.string("name") }
        switch json["think"] {
        case let flag as Bool: request.wantsReasoning = flag
        case let level as String: request.wantsReasoning = !level.isEmpty
        default: break
        }
        guard let last = messages.last else { return nil }
        if last.string("role") == "tool" {
            for message in messages.reversed() {
                guard message.string("role") == "tool" else { break }
                request.toolResults.insert((message.string("tool_name") ?? "", message.string("content") ?? ""), at: 0)
            }
        } else if last.string("role") == "user" {
            for image in last.array("images") ?? [] {
                guard let text = image as? String, let bytes = RichTurn.bytes(base64: text) else {
                    return OllamaRoute.error(400, "illegal base64 data at input byte 0")
                }
                request.images.append((sniff(bytes), bytes))
            }
        }
        var configuration = ctx.configuration
        configuration.cacheRead = nil
        configuration.cacheWrite = nil
        guard let reply = RichTurn.reply(to: request, configuration) else { return nil }
        let model = json.string("model") ?? "llama3.2"
        let dialect = OllamaDialect(model: model, inputTokens: reply.inputTokens, start: .now)
        func line(_ message: String, done: Bool = false) -> String {
            #"{"model":\#(JSONText.quote(model)),"created_at":"\#(Clock.rfc3339Nanos())","message":{"role":"assistant",\#(message)},"done":\#(done)}"#
        }
        let final = dialect.object(content: "", done: true, tokens: reply.outputTokens, finish: .stop)
        let call = reply.toolCall.map { #""content":"","tool_calls":[{"function":{"name":\#(JSONText.quote($0.name)),"arguments":\#($0.arguments)}}]"# }
        guard json.bool("stream") ?? true else {
            var fields = [#""content":\#(JSONText.quote(reply.text ?? ""))"#]
            if let reasoning = reply.reasoning { fields.append(#""thinking":\#(JSONText.quote(reasoning))"#) }
            if let call { fields = [call] + (reply.reasoning.map { [#""thinking":\#(JSONText.quote($0))"#] } ?? []) }
            let whole = final.replacingOccurrences(of: #""message":{"role":"assistant","content":""}"#,
                                                   with: #""message":{"role":"assistant",\#(fields.joined(separator: ","))}"#)
            return .full(status: 200, headers: [("content-type", "application/json; charset=utf-8")], body: Array(whole.utf8))
        }
        var groups = reply.reasoningPieces.map { [Frame.line(line(#""content":"","thinking":\#(JSONText.quote($0))"#))] }
        groups += reply.textPieces.map { [Frame.line(line(#""content":\#(JSONText.quote($0))"#))] }
        if let call { groups.append([.line(line(call))]) }
        return ScriptedDialect(contentType: dialect.contentType, head: [], deltas: groups, tail: [], end: [.line(final)], base: dialect)
            .response(model: model, headers: [])
    }

    /// Ollama takes bare base64 without a media type; the mock tells the format from the bytes.
    static func sniff(_ bytes: [UInt8]) -> String {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "image/png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: Array("GIF8".utf8)) { return "image/gif" }
        if bytes.count > 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return "image/webp" }
        return "application/octet-stream"
    }
}
