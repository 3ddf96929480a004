import Foundation
import LoopbackServer

/// Rich turns in the Converse format: `reasoningContent` (text, then a signature the next turn must
/// send back for Claude), `toolUse` blocks whose input streams as JSON pieces after a
/// `contentBlockStart`, `toolResult` and `image` blocks read from the request, and
/// `cacheReadInputTokens` / `cacheWriteInputTokens` in the usage.
enum BedrockRich {
    static func signature(_ reasoning: String) -> String {
        "brsig_" + String(SigV4.sha256Hex(Array(reasoning.utf8)).prefix(32))
    }

    static func respond(_ ctx: RequestContext, modelID: String, streaming: Bool, headers: [(String, String)]) -> MockResponse? {
        guard let json = ctx.json else { return nil }
        let messages = (json.array("messages") ?? []).compactMap { $0 as? [String: Any] }
        var request = RichRequest()
        for tool in json.object("toolConfig")?.array("tools") ?? [] {
            if let name = (tool as? [String: Any])?.object("toolSpec")?.string("name") { request.toolNames.append(name) }
        }
        let extra = json.object("additionalModelRequestFields")
        request.wantsReasoning = extra?.object("thinking")?.string("type") == "enabled" || extra?.string("reasoning_effort") != nil
        if let refusal = check(messages, thinking: extra?.object("thinking") != nil, ctx) { return refusal }
        guard let last = messages.last, last.string("role") == "user" else { return nil }
        var names: [String: String] = [:]
        for message in messages where message.string("role") == "assistant" {
            for block in message.array("content") ?? [] {
                if let use = (block as? [String: Any])?.object("toolUse"), let id = use.string("toolUseId") { names[id] = use.string("name") ?? "" }
            }
        }
        for block in last.array("content") ?? [] {
            guard let block = block as? [String: Any] else { continue }
            if let result = block.object("toolResult") {
                let id = result.string("toolUseId") ?? ""
                guard let name = names[id] else {
                    return BedrockRoute.error(400, "ValidationException", "The toolUseId \(id) in the toolResult block doesn't match any toolUse block in the previous turn.", ctx)
                }
                request.toolResults.append((name, MessageText.of(result["content"])))
            } else if let image = block.object("image") {
                guard let bytes = RichTurn.bytes(base64: image.object("source")?.string("bytes") ?? "") else {
                    return BedrockRoute.error(400, "ValidationException", "Invalid image bytes: expected base64.", ctx)
                }
                request.images.append(("image/" + (image.string("format") ?? ""), bytes))
            }
        }
        guard let reply = RichTurn.reply(to: request, ctx.configuration) else { return nil }
        let dialect = BedrockDialect(inputTokens: reply.inputTokens, start: .now)
        return streaming ? stream(reply, dialect: dialect, headers: headers)
            : .json(200, whole(reply, dialect: dialect), headers: headers)
    }

    /// Claude on Bedrock with thinking on: an assistant turn that called a tool must come back starting
    /// with its reasoning, signature intact (Bedrock passes Anthropic's check through).
    static func check(_ messages: [[String: Any]], thinking: Bool, _ ctx: RequestContext) -> MockResponse? {
        guard thinking else { return nil }
        for message in messages where message.string("role") == "assistant" {
            let blocks = (message.array("content") ?? []).compactMap { $0 as? [String: Any] }
            guard blocks.contains(where: { $0["toolUse"] != nil }) else { continue }
            guard let reasoning = blocks.first?.object("reasoningContent")?.object("reasoningText") else {
                return BedrockRoute.error(400, "ValidationException", "The model returned the following errors: messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`. When `thinking` is enabled, a final `assistant` message must start with a thinking block.", ctx)
            }
            if reasoning.string("signature") != signature(reasoning.string("text") ?? "") {
                return BedrockRoute.error(400, "ValidationException", "The model returned the following errors: messages.1.content.0: Invalid `signature` in `thinking` block", ctx)
            }
        }
        return nil
    }

    static func usage(_ reply: RichReply) -> String {
        let read = reply.cacheRead ?? 0, write = reply.cacheWrite ?? 0
        return #"{"inputTokens":\#(reply.inputTokens),"outputTokens":\#(reply.outputTokens),"#
            + #""totalTokens":\#(reply.inputTokens + read + write + reply.outputTokens)"#
            + (reply.cacheRead == nil && reply.cacheWrite == nil ? "" : #","cacheReadInputTokens":\#(read),"cacheWriteInputTokens":\#(write)"#) + "}"
    }

    static func stopReason(_ reply: RichReply) -> String { reply.toolCall == nil ? "end_turn" : "tool_use" }
    static func callID(_ dialect: BedrockDialect) -> String { "tooluse_mock\(dialect.inputTokens)" }

    static func whole(_ reply: RichReply, dialect: BedrockDialect) -> String {
        var blocks: [String] = []
        if let reasoning = reply.reasoning {
            blocks.append(#"{"reasoningContent":{"reasoningText":{"text":\#(JSONText.quote(reasoning)),"signature":"\#(signature(reasoning))"}}}"#)
        }
        if let text = reply.text { blocks.append(#"{"text":\#(JSONText.quote(text))}"#) }
        if let call = reply.toolCall {
            blocks.append(#"{"toolUse":{"toolUseId":"\#(callID(dialect))","name":\#(JSONText.quote(call.name)),"input":\#(call.arguments)}}"#)
        }
        return #"{"metrics":{"latencyMs":\#(dialect.latencyMs)},"output":{"message":{"content":[\#(blocks.joined(separator: ","))],"role":"assistant"}},"#
            + #""stopReason":"\#(stopReason(reply))","usage":\#(usage(reply))}"#
    }

    static func stream(_ reply: RichReply, dialect: BedrockDialect, headers: [(String, String)]) -> MockResponse {
        var groups: [[Frame]] = []
        var index = 0
        func event(_ type: String, _ json: String) -> Frame { .raw(EventStream.event(type, json: json)) }
        func delta(_ body: String) -> Frame {
            event("contentBlockDelta", #"{"contentBlockIndex":\#(index),"delta":\#(body),"p":"\#(BedrockDialect.padding(groups.count))"}"#)
        }
        func stop() -> Frame { event("contentBlockStop", #"{"contentBlockIndex":\#(index),"p":"abc"}"#) }
        if let reasoning = reply.reasoning {
            groups += reply.reasoningPieces.map { [delta(#"{"reasoningContent":{"text":\#(JSONText.quote($0))}}"#)] }
            groups[groups.count - 1] += [delta(#"{"reasoningContent":{"signature":"\#(signature(reasoning))"}}"#), stop()]
            index += 1
        }
        if reply.text != nil {
            groups += reply.textPieces.map { [delta(#"{"text":\#(JSONText.quote($0))}"#)] }
            groups[groups.count - 1].append(stop())
            index += 1
        }
        if let call = reply.toolCall {
            var pieces = reply.argumentPieces.map { [delta(#"{"toolUse":{"input":\#(JSONText.quote($0))}}"#)] }
            if pieces.isEmpty { pieces = [[]] }
            pieces[0].insert(event("contentBlockStart", #"{"contentBlockIndex":\#(index),"start":{"toolUse":{"toolUseId":"\#(callID(dialect))","name":\#(JSONText.quote(call.name))}},"p":"abcd"}"#), at: 0)
            pieces[pieces.count - 1].append(stop())
            groups += pieces
        }
        let head = [event("messageStart", #"{"p":"a","role":"assistant"}"#)]
        let tail = [event("messageStop", #"{"p":"ab","stopReason":"\#(stopReason(reply))"}"#)]
        let end = [event("metadata", #"{"metrics":{"latencyMs":\#(dialect.latencyMs)},"p":"abc","usage":\#(usage(reply))}"#)]
        return ScriptedDialect(contentType: dialect.contentType, head: head, deltas: groups, tail: tail, end: end, base: dialect)
            .response(model: "bedrock", headers: headers)
    }
}
