import LoopbackServer

/// Rich turns in the Chat Completions format (OpenAI, Azure, compatible servers): `reasoning_content`
/// deltas (as DeepSeek and vLLM stream them), `tool_calls` with the arguments split over chunks, `tool`
/// messages answered by name, `image_url` data URLs, and `prompt_tokens_details.cached_tokens` /
/// `completion_tokens_details.reasoning_tokens` in the usage. A `tool` message whose id no earlier
/// assistant call has is refused with OpenAI's 400.
enum OpenAIRich {
    static func respond(_ ctx: RequestContext, id: String, model fallback: String, headers: [(String, String)]) -> MockResponse? {
        guard let json = ctx.json, let messages = json["messages"] as? [[String: Any]], let last = messages.last else { return nil }
        var request = RichRequest()
        request.toolNames = (json.array("tools") ?? []).compactMap { (($0 as? [String: Any])?["function"] as? [String: Any])?.string("name") }
        if let effort = json.string("reasoning_effort") { request.wantsReasoning = effort != "none" }
        if last.string("role") == "tool" {
            var names: [String: String] = [:]
            for message in messages where message.string("role") == "assistant" {
                for call in message["tool_calls"] as? [[String: Any]] ?? [] {
                    if let id = call.string("id") { names[id] = (call["function"] as? [String: Any])?.string("name") ?? "" }
                }
            }
            for message in messages.reversed() {
                guard message.string("role") == "tool" else { break }
                guard let name = names[message.string("tool_call_id") ?? ""] else {
                    return .json(400, #"{"error":{"message":"Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.","type":"invalid_request_error","param":"messages.[\#(messages.count - 1)].role","code":null}}"#)
                }
                request.toolResults.insert((name, MessageText.of(message["content"])), at: 0)
            }
        } else if last.string("role") == "user" {
            for part in last["content"] as? [[String: Any]] ?? [] where part.string("type") == "image_url" {
                let url = (part["image_url"] as? [String: Any])?.string("url") ?? ""
                guard let bytes = RichTurn.bytes(base64: url) else {
                    return .json(400, #"{"error":{"message":"Invalid image URL: expected a base64-encoded data URL.","type":"invalid_request_error","param":null,"code":"invalid_image_url"}}"#)
                }
                request.images.append((RichTurn.mediaType(ofDataURL: url), bytes))
            }
        } else {
            return nil
        }
        guard let reply = RichTurn.reply(to: request, ctx.configuration) else { return nil }
        let model = json.string("model") ?? fallback
        return json.bool("stream") == true
            ? stream(reply, id: id, model: model, headers: headers)
            : .json(200, whole(reply, id: id, model: model), headers: headers)
    }

    static func usage(_ reply: RichReply) -> String {
        let prompt = reply.inputTokens + (reply.cacheRead ?? 0)
        return #"{"prompt_tokens":\#(prompt),"completion_tokens":\#(reply.outputTokens),"total_tokens":\#(prompt + reply.outputTokens),"#
            + #""prompt_tokens_details":{"cached_tokens":\#(reply.cacheRead ?? 0),"audio_tokens":0},"#
            + #""completion_tokens_details":{"reasoning_tokens":\#(reply.reasoningTokens),"audio_tokens":0,"#
            + #""accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}"#
    }

    static func finish(_ reply: RichReply) -> String { reply.toolCall == nil ? "stop" : "tool_calls" }
    static func callID(_ id: String) -> String { "call_" + id.suffix(8) }

    static func whole(_ reply: RichReply, id: String, model: String) -> String {
        var fields = [#""role":"assistant""#]
        if let reasoning = reply.reasoning { fields.append(#""reasoning_content":\#(JSONText.quote(reasoning))"#) }
        fields.append(#""content":\#(reply.text.map(JSONText.quote) ?? "null")"#)
        if let call = reply.toolCall {
            fields.append(#""tool_calls":[{"id":"\#(callID(id))","type":"function","function":{"name":\#(JSONText.quote(call.name)),"arguments":\#(JSONText.quote(call.arguments))}}]"#)
        }
        return #"{"id":"\#(id)","object":"chat.completion","created":1,"model":\#(JSONText.quote(model)),"#
            + #""choices":[{"index":0,"message":{\#(fields.joined(separator: ","))},"finish_reason":"\#(finish(reply))"}],"#
            + #""usage":\#(usage(reply))}"#
    }

    static func stream(_ reply: RichReply, id: String, model: String, headers: [(String, String)]) -> MockResponse {
        func chunk(_ choice: String, usage: String? = nil) -> Frame {
            .sse(event: nil, data: #"{"id":"\#(id)","object":"chat.completion.chunk","created":1,"model":\#(JSONText.quote(model)),"#
                 + #""choices":[\#(choice)]"# + (usage.map { #","usage":\#($0)"# } ?? "") + "}")
        }
        func delta(_ body: String) -> [Frame] { [chunk(#"{"index":0,"delta":{\#(body)},"finish_reason":null}"#)] }
        var groups = reply.reasoningPieces.map { delta(#""reasoning_content":\#(JSONText.quote($0))"#) }
        groups += reply.textPieces.map { delta(#""content":\#(JSONText.quote($0))"#) }
        if let call = reply.toolCall {
            groups.append(delta(#""tool_calls":[{"index":0,"id":"\#(callID(id))","type":"function","function":{"name":\#(JSONText.quote(call.name)),"arguments":""}}]"#))
            groups += reply.argumentPieces.map { delta(#""tool_calls":[{"index":0,"function":{"arguments":\#(JSONText.quote($0))}}]"#) }
        }
        let head = [chunk(#"{"index":0,"delta":{"role":"assistant","content":null},"finish_reason":null}"#)]
        let tail = [chunk(#"{"index":0,"delta":{},"finish_reason":"\#(finish(reply))"}"#), chunk("", usage: usage(reply))]
        return ScriptedDialect(contentType: "text/event-stream", head: head, deltas: groups, tail: tail,
                               end: [.sse(event: nil, data: "[DONE]")],
                               base: OpenAIDialect(id: id, created: 1, model: model, inputTokens: reply.inputTokens,
                                                   includeUsage: true, obfuscate: false))
            .response(model: model, headers: headers)
    }
}
