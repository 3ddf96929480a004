import Foundation
import LoopbackServer

/// Rich turns in Anthropic's Messages format: `thinking` blocks with a signature the next turn must
/// send back unchanged, `tool_use` blocks whose input streams as `input_json_delta`, `tool_result`
/// and base64 `image` blocks read from the request, cache counts in `usage` — checked as the API checks them.
enum AnthropicRich {
    /// The signature the mock gives a thinking block: derived from its text, so a changed or missing
    /// block is caught on the next turn.
    static func signature(_ thinking: String) -> String {
        "sig_mock_" + String(SigV4.sha256Hex(Array(thinking.utf8)).prefix(32))
    }

    static func respond(_ ctx: RequestContext, id: String, headers: [(String, String)]) -> MockResponse? {
        guard let json = ctx.json else { return nil }
        let messages = (json.array("messages") ?? []).compactMap { $0 as? [String: Any] }
        if let refusal = check(json, messages, ctx) { return refusal }
        var request = RichRequest()
        request.toolNames = (json.array("tools") ?? []).compactMap { ($0 as? [String: Any])?.string("name") }
        request.wantsReasoning = (json["thinking"] as? [String: Any])?.string("type") == "enabled"
        guard let last = messages.last, last.string("role") == "user" else { return nil }
        let blocks = last["content"] as? [[String: Any]] ?? []
        var names: [String: String] = [:]
        for message in messages where message.string("role") == "assistant" {
            for block in message["content"] as? [[String: Any]] ?? [] where block.string("type") == "tool_use" {
                if let id = block.string("id") { names[id] = block.string("name") ?? "" }
            }
        }
        for block in blocks {
            switch block.string("type") {
            case "tool_result":
                let callID = block.string("tool_use_id") ?? ""
                guard let name = names[callID] else {
                    return AnthropicRoute.error(400, "invalid_request_error",
                        "messages.\(messages.count - 1).content.0: unexpected `tool_use_id` found in `tool_result` blocks: \(callID). Each `tool_result` block must have a corresponding `tool_use` block in the previous message.", ctx)
                }
                request.toolResults.append((name, MessageText.of(block["content"])))
            case "image":
                let source = block["source"] as? [String: Any] ?? [:]
                guard source.string("type") == "base64", let bytes = RichTurn.bytes(base64: source.string("data") ?? "") else {
                    return AnthropicRoute.error(400, "invalid_request_error", "messages.\(messages.count - 1): image source must be base64 data", ctx)
                }
                request.images.append((source.string("media_type") ?? "", bytes))
            default:
                continue
            }
        }
        guard let reply = RichTurn.reply(to: request, ctx.configuration) else { return nil }
        let model = json.string("model") ?? "claude-mock"
        return json.bool("stream") == true
            ? stream(reply, id: id, model: model, headers: headers)
            : .json(200, whole(reply, id: id, model: model), headers: headers)
    }

    /// The API's own checks on thinking: the budget's range, and that an assistant turn which called a
    /// tool comes back starting with its thinking block, signature intact.
    static func check(_ json: [String: Any], _ messages: [[String: Any]], _ ctx: RequestContext) -> MockResponse? {
        guard let thinking = json["thinking"] as? [String: Any], thinking.string("type") == "enabled" else { return nil }
        let budget = thinking.int("budget_tokens") ?? 0
        if budget < 1024 {
            return AnthropicRoute.error(400, "invalid_request_error", "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024", ctx)
        }
        if let maxTokens = json.int("max_tokens"), maxTokens <= budget {
            return AnthropicRoute.error(400, "invalid_request_error", "`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size", ctx)
        }
        for (position, message) in messages.enumerated() where message.string("role") == "assistant" {
            let blocks = message["content"] as? [[String: Any]] ?? []
            guard blocks.contains(where: { $0.string("type") == "tool_use" }) else { continue }
            guard let first = blocks.first, ["thinking", "redacted_thinking"].contains(first.string("type") ?? "") else {
                return AnthropicRoute.error(400, "invalid_request_error",
                    "messages.\(position).content.0.type: Expected `thinking` or `redacted_thinking`, but found `\(blocks.first?.string("type") ?? "text")`. When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking", ctx)
            }
            if first.string("type") == "thinking", first.string("signature") != signature(first.string("thinking") ?? "") {
                return AnthropicRoute.error(400, "invalid_request_error", "messages.\(position).content.0: Invalid `signature` in `thinking` block", ctx)
            }
        }
        return nil
    }

    static func usage(_ reply: RichReply, output: Int) -> String {
        #"{"input_tokens":\#(reply.inputTokens),"cache_creation_input_tokens":\#(reply.cacheWrite ?? 0),"#
            + #""cache_read_input_tokens":\#(reply.cacheRead ?? 0),"output_tokens":\#(output)}"#
    }

    static func stopReason(_ reply: RichReply) -> String { reply.toolCall == nil ? "end_turn" : "tool_use" }
    static func callID(_ id: String) -> String { "toolu_" + id.dropFirst(4) }

    static func whole(_ reply: RichReply, id: String, model: String) -> String {
        var blocks: [String] = []
        if let reasoning = reply.reasoning {
            blocks.append(#"{"type":"thinking","thinking":\#(JSONText.quote(reasoning)),"signature":"\#(signature(reasoning))"}"#)
        }
        if let text = reply.text { blocks.append(#"{"type":"text","text":\#(JSONText.quote(text))}"#) }
        if let call = reply.toolCall {
            blocks.append(#"{"type":"tool_use","id":"\#(callID(id))","name":\#(JSONText.quote(call.name)),"input":\#(call.arguments)}"#)
        }
        return #"{"id":"\#(id)","type":"message","role":"assistant","model":\#(JSONText.quote(model)),"content":[\#(blocks.joined(separator: ","))],"#
            + #""stop_reason":"\#(stopReason(reply))","stop_sequence":null,"usage":\#(usage(reply, output: reply.outputTokens))}"#
    }

    static func stream(_ reply: RichReply, id: String, model: String, headers: [(String, String)]) -> MockResponse {
        func event(_ name: String, _ data: String) -> Frame { .sse(event: name, data: data) }
        func start(_ index: Int, _ block: String) -> Frame {
            event("content_block_start", #"{"type":"content_block_start","index":\#(index),"content_block":\#(block)}"#)
        }
        func delta(_ index: Int, _ body: String) -> Frame {
            event("content_block_delta", #"{"type":"content_block_delta","index":\#(index),"delta":\#(body)}"#)
        }
        func stop(_ index: Int) -> Frame { event("content_block_stop", #"{"type":"content_block_stop","index":\#(index)}"#) }

        var groups: [[Frame]] = []
        var index = 0
        /// One block: its start with the first piece, its end (and any closing frames) with the last.
        func block(_ opening: String, _ pieces: [Frame], closing: [Frame] = []) {
            var blockGroups = pieces.map { [$0] }
            if blockGroups.isEmpty { blockGroups = [[]] }
            blockGroups[0].insert(start(index, opening), at: 0)
            blockGroups[blockGroups.count - 1] += closing + [stop(index)]
            groups += blockGroups
            index += 1
        }
        if let reasoning = reply.reasoning {
            block(#"{"type":"thinking","thinking":"","signature":""}"#,
                  reply.reasoningPieces.map { delta(index, #"{"type":"thinking_delta","thinking":\#(JSONText.quote($0))}"#) },
                  closing: [delta(index, #"{"type":"signature_delta","signature":"\#(signature(reasoning))"}"#)])
        }
        if reply.text != nil {
            block(#"{"type":"text","text":""}"#,
                  reply.textPieces.map { delta(index, #"{"type":"text_delta","text":\#(JSONText.quote($0))}"#) })
        }
        if let call = reply.toolCall {
            block(#"{"type":"tool_use","id":"\#(callID(id))","name":\#(JSONText.quote(call.name)),"input":{}}"#,
                  reply.argumentPieces.map { delta(index, #"{"type":"input_json_delta","partial_json":\#(JSONText.quote($0))}"#) })
        }
        let head = [event("message_start", #"{"type":"message_start","message":{"id":"\#(id)","type":"message","role":"assistant","#
                          + #""content":[],"model":\#(JSONText.quote(model)),"stop_reason":null,"stop_sequence":null,"#
                          + #""usage":\#(usage(reply, output: 1))}}"#),
                    event("ping", #"{"type": "ping"}"#)]
        let tail = [event("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"\#(stopReason(reply))","stop_sequence":null},"#
                          + #""usage":\#(usage(reply, output: reply.outputTokens))}"#)]
        return ScriptedDialect(contentType: "text/event-stream; charset=utf-8", head: head, deltas: groups, tail: tail,
                               end: [event("message_stop", #"{"type":"message_stop"}"#)],
                               base: AnthropicDialect(id: id, model: model, inputTokens: reply.inputTokens))
            .response(model: model, headers: headers)
    }
}
