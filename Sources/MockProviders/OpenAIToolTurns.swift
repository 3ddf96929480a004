import Foundation
import LoopbackServer

/// Tool calls in OpenAI's dialect: a request that offers tools and ends with the user's message is
/// answered with a call of the first tool, its arguments split over several chunks (as OpenAI streams
/// them); a request that ends with tool results is answered `Tool <name> returned: <content>`. A `tool`
/// message whose id no earlier assistant call has is refused with OpenAI's 400.
enum OpenAIToolTurns {
    /// The response for a tool turn, or nil when the request is an ordinary chat.
    static func respond(_ ctx: RequestContext, id: String, headers: [(String, String)]) -> MockResponse? {
        guard let json = ctx.json, let messages = json["messages"] as? [[String: Any]], let last = messages.last else { return nil }
        let model = json.string("model") ?? "gpt-mock"
        let stream = json["stream"] as? Bool ?? false
        if last["role"] as? String == "tool" {
            var names: [String: String] = [:]
            for message in messages where message["role"] as? String == "assistant" {
                for call in message["tool_calls"] as? [[String: Any]] ?? [] {
                    if let id = call["id"] as? String, let name = (call["function"] as? [String: Any])?["name"] as? String { names[id] = name }
                }
            }
            let callID = last["tool_call_id"] as? String ?? ""
            guard let name = names[callID] else {
                return .json(400, #"{"error":{"message":"Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.","type":"invalid_request_error","param":"messages.[\#(messages.count - 1)].role","code":null}}"#)
            }
            let text = "Tool \(name) returned: \(last["content"] as? String ?? "")"
            return stream ? sse(id: id, model: model, deltas: [#""content":\#(JSONText.quote(text))"#], finish: "stop", headers: headers)
                : whole(id: id, model: model, message: #""content":\#(JSONText.quote(text))"#, finish: "stop", headers: headers)
        }
        guard last["role"] as? String == "user", let tools = json["tools"] as? [[String: Any]],
              let name = (tools.first?["function"] as? [String: Any])?["name"] as? String else { return nil }
        let arguments = ctx.configuration.toolArguments
        let callID = "call_mock\(ctx.idSuffix)"
        if !stream {
            let call = #"{"id":"\#(callID)","type":"function","function":{"name":\#(JSONText.quote(name)),"arguments":\#(JSONText.quote(arguments))}}"#
            return whole(id: id, model: model, message: #""content":null,"tool_calls":[\#(call)]"#, finish: "tool_calls", headers: headers)
        }
        var deltas = [#""tool_calls":[{"index":0,"id":"\#(callID)","type":"function","function":{"name":\#(JSONText.quote(name)),"arguments":""}}]"#]
        var rest = Substring(arguments)
        while !rest.isEmpty {
            let piece = rest.prefix(4)
            rest = rest.dropFirst(piece.count)
            deltas.append(#""tool_calls":[{"index":0,"function":{"arguments":\#(JSONText.quote(String(piece)))}}]"#)
        }
        return sse(id: id, model: model, deltas: deltas, finish: "tool_calls", headers: headers)
    }

    /// A reply that reasons first (`reasoning_content`, as DeepSeek and vLLM stream it), when the
    /// configuration asks for one; the answer is `Answer after reasoning.`.
    static func reasoning(_ ctx: RequestContext, id: String, headers: [(String, String)]) -> MockResponse? {
        guard let text = ctx.configuration.reasoningText, let json = ctx.json, json["tools"] == nil else { return nil }
        let model = json.string("model") ?? "gpt-mock"
        let words = text.split(separator: " ").map { String($0) + " " }
        let deltas = words.map { #""reasoning_content":\#(JSONText.quote($0))"# } + [#""content":"Answer after reasoning.""#]
        guard json["stream"] as? Bool ?? false else {
            return whole(id: id, model: model, message: #""reasoning_content":\#(JSONText.quote(text)),"content":"Answer after reasoning.""#,
                         finish: "stop", headers: headers)
        }
        return sse(id: id, model: model, deltas: deltas, finish: "stop", headers: headers)
    }

    static func sse(id: String, model: String, deltas: [String], finish: String, headers: [(String, String)]) -> MockResponse {
        var body = ""
        func chunk(_ choice: String) -> String {
            #"data: {"id":"\#(id)","object":"chat.completion.chunk","created":1,"model":"\#(model)","choices":[\#(choice)]}"# + "\n\n"
        }
        body += chunk(#"{"index":0,"delta":{"role":"assistant","content":null},"finish_reason":null}"#)
        for delta in deltas { body += chunk(#"{"index":0,"delta":{\#(delta)},"finish_reason":null}"#) }
        body += chunk(#"{"index":0,"delta":{},"finish_reason":"\#(finish)"}"#)
        body += #"data: {"id":"\#(id)","object":"chat.completion.chunk","created":1,"model":"\#(model)","choices":[],"usage":{"prompt_tokens":10,"completion_tokens":\#(deltas.count),"total_tokens":\#(10 + deltas.count)}}"# + "\n\n"
        body += "data: [DONE]\n\n"
        return .full(status: 200, headers: [("content-type", "text/event-stream")] + headers, body: Array(body.utf8))
    }

    static func whole(id: String, model: String, message: String, finish: String, headers: [(String, String)]) -> MockResponse {
        .json(200, #"{"id":"\#(id)","object":"chat.completion","created":1,"model":"\#(model)","choices":[{"index":0,"message":{"role":"assistant",\#(message)},"finish_reason":"\#(finish)"}],"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}"#, headers: headers)
    }
}
