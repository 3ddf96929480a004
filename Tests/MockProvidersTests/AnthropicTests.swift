import Foundation
import MockProviders
import Testing

/// Anthropic Messages: event sequence, usage, errors (providers.md §4).
struct AnthropicTests {
    static let headers = [("x-api-key", "sk-ant-test"), ("anthropic-version", "2023-06-01")]

    static func body(_ prompt: String = "Hi there", stream: Bool = true, maxTokens: Int? = 1024) -> String {
        let max = maxTokens.map { #""max_tokens":\#($0),"# } ?? ""
        return #"{"model":"claude-sonnet-4-5",\#(max)"system":"Be terse.","stream":\#(stream),"#
            + #""messages":[{"role":"user","content":"\#(prompt)"}]}"#
    }

    @Test func streamFollowsTheDocumentedEventOrder() throws {
        let server = try started(.init(tokens: 4))
        defer { server.stop() }
        let response = roundTrip(server.port, "/v1/messages", headers: Self.headers, body: Self.body())
        #expect(response.status == 200 && response.complete)
        #expect(response.header("content-type")?.hasPrefix("text/event-stream") == true)
        let events = response.sseEvents
        #expect(events.map { $0.event ?? "" } == ["message_start", "content_block_start", "ping"]
            + Array(repeating: "content_block_delta", count: 4) + ["content_block_stop", "message_delta", "message_stop"])
        let objects = response.sseObjects
        #expect(zip(events, objects).allSatisfy { $0.event == $1["type"] as? String })
        let start = try #require(objects.first?["message"] as? [String: Any])
        let usage = start["usage"] as? [String: Any]
        #expect(usage?["input_tokens"] as? Int == 4)  // "Be terse." + "Hi there"
        #expect(usage?["output_tokens"] as? Int == 1)
        let text = objects.compactMap { ($0["delta"] as? [String: Any])?["text"] as? String }.joined()
        #expect(text == "Mock reply to: Hi ")
        let delta = objects[objects.count - 2]
        #expect((delta["delta"] as? [String: Any])?["stop_reason"] as? String == "end_turn")
        #expect((delta["usage"] as? [String: Any])?["output_tokens"] as? Int == 4)
    }

    @Test func maxTokensStopsWithMaxTokens() throws {
        let server = try started(.init(tokens: 10))
        defer { server.stop() }
        let objects = roundTrip(server.port, "/v1/messages", headers: Self.headers,
                                body: Self.body(maxTokens: 2)).sseObjects
        let delta = objects.first { $0["type"] as? String == "message_delta" }
        #expect((delta?["delta"] as? [String: Any])?["stop_reason"] as? String == "max_tokens")
        #expect((delta?["usage"] as? [String: Any])?["output_tokens"] as? Int == 2)
    }

    @Test func nonStreamingMessage() throws {
        let server = try started(.init(tokens: 3))
        defer { server.stop() }
        let json = roundTrip(server.port, "/v1/messages", headers: Self.headers, body: Self.body(stream: false)).json
        #expect(json["type"] as? String == "message")
        #expect(((json["content"] as? [[String: Any]])?.first?["text"]) as? String == "Mock reply to: ")
        #expect((json["usage"] as? [String: Any])?["output_tokens"] as? Int == 3)
    }

    @Test func authVersionAndBodyErrors() throws {
        let server = try started(.init(acceptedKeys: ["good"]))
        defer { server.stop() }
        let bad = roundTrip(server.port, "/v1/messages", headers: [("x-api-key", "bad"),
                                                                  ("anthropic-version", "2023-06-01")], body: Self.body())
        #expect(bad.status == 401)
        #expect(bad.json["type"] as? String == "error")
        #expect((bad.json["error"] as? [String: Any])?["type"] as? String == "authentication_error")
        #expect((bad.json["error"] as? [String: Any])?["message"] as? String == "invalid x-api-key")
        #expect((bad.json["request_id"] as? String)?.hasPrefix("req_") == true)
        #expect(bad.header("request-id") != nil)
        let noVersion = roundTrip(server.port, "/v1/messages", headers: [("x-api-key", "good")], body: Self.body())
        #expect(noVersion.status == 400)
        let noMax = roundTrip(server.port, "/v1/messages", headers: [("x-api-key", "good"),
                                                                    ("anthropic-version", "2023-06-01")],
                              body: Self.body(maxTokens: nil))
        #expect(noMax.status == 400)
        #expect((noMax.json["error"] as? [String: Any])?["type"] as? String == "invalid_request_error")
        let bearerOK = roundTrip(server.port, "/v1/messages", headers: [("Authorization", "Bearer good"),
                                                                       ("anthropic-version", "2023-06-01")],
                                 body: Self.body())
        #expect(bearerOK.status == 200)
    }

    @Test func overloadedAndMidStreamError() throws {
        let server = try started(.init(tokens: 5))
        defer { server.stop() }
        server.enqueueFaults([.http(529), MockFault(midStreamErrorAfter: 2)])
        let overloaded = roundTrip(server.port, "/v1/messages", headers: Self.headers, body: Self.body())
        #expect(overloaded.status == 529)
        #expect((overloaded.json["error"] as? [String: Any])?["type"] as? String == "overloaded_error")
        let broken = roundTrip(server.port, "/v1/messages", headers: Self.headers, body: Self.body())
        #expect(broken.status == 200)
        let last = try #require(broken.sseEvents.last)
        #expect(last.event == "error")
        #expect(last.data == #"{"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}"#)
        #expect(broken.sseEvents.filter { $0.event == "content_block_delta" }.count == 2)
        #expect(!broken.sseEvents.contains { $0.event == "message_stop" })
    }

    @Test func omitEndMarkerDropsMessageStop() throws {
        let server = try started(.init(tokens: 2))
        defer { server.stop() }
        server.enqueueFaults([MockFault(omitEndMarker: true)])
        let events = roundTrip(server.port, "/v1/messages", headers: Self.headers, body: Self.body()).sseEvents
        #expect(events.last?.event == "message_delta")
    }
}

/// Ollama native `/api/chat` (providers.md §7).
struct OllamaTests {
    static func body(stream: Bool? = nil, model: String = "llama3.2") -> String {
        let flag = stream.map { #""stream":\#($0),"# } ?? ""
        return #"{"model":"\#(model)",\#(flag)"messages":[{"role":"user","content":"Why is the sky blue"}],"#
            + #""options":{"temperature":0.3}}"#
    }

    static func lines(_ response: TestResponse) -> [[String: Any]] {
        response.text.split(separator: "\n").map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:]
        }
    }

    @Test func streamsNDJSONByDefault() throws {
        let server = try started(.init(tokens: 6))
        defer { server.stop() }
        let response = roundTrip(server.port, "/api/chat", body: Self.body())
        #expect(response.status == 200 && response.complete)
        #expect(response.header("content-type") == "application/x-ndjson")
        #expect(response.text.hasSuffix("}\n"))
        let lines = Self.lines(response)
        #expect(lines.count == 7)
        #expect(lines.dropLast().allSatisfy { $0["done"] as? Bool == false })
        let last = try #require(lines.last)
        #expect(last["done"] as? Bool == true)
        #expect(last["done_reason"] as? String == "stop")
        #expect(last["prompt_eval_count"] as? Int == 5)
        #expect(last["eval_count"] as? Int == 6)
        #expect((last["total_duration"] as? Int ?? 0) > 0)
        #expect(last["eval_duration"] is Int && last["load_duration"] is Int)
        let text = lines.compactMap { ($0["message"] as? [String: Any])?["content"] as? String }.joined()
        #expect(text == "Mock reply to: Why is the ")
    }

    @Test func nonStreamingAndNumPredict() throws {
        let server = try started(.init(tokens: 6))
        defer { server.stop() }
        let whole = roundTrip(server.port, "/api/chat", body: Self.body(stream: false))
        #expect(whole.header("content-length") != nil)
        #expect(whole.json["done"] as? Bool == true)
        let limited = roundTrip(server.port, "/api/chat", body: #"{"model":"m","options":{"num_predict":2},"#
            + #""messages":[{"role":"user","content":"hi"}]}"#)
        #expect(Self.lines(limited).last?["done_reason"] as? String == "length")
        #expect(Self.lines(limited).last?["eval_count"] as? Int == 2)
    }

    @Test func missingModelAndMidStreamError() throws {
        let server = try started(.init(tokens: 6))
        defer { server.stop() }
        let missing = roundTrip(server.port, "/api/chat", body: Self.body(model: "missing-x"))
        #expect(missing.status == 404)
        #expect(missing.text == #"{"error":"model 'missing-x' not found"}"#)
        server.enqueueFaults([MockFault(midStreamErrorAfter: 3)])
        let broken = roundTrip(server.port, "/api/chat", body: Self.body())
        let lines = Self.lines(broken)
        #expect(lines.count == 4)
        #expect(lines.last?["error"] is String)
        #expect(!lines.contains { $0["done"] as? Bool == true })
    }
}
