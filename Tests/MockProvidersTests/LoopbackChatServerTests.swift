import Foundation
import LoopbackServer
import Testing

/// The offline model's server on its own (no MockProviders part in it): an OpenAI chat stream with
/// usage, the whole-reply form, keep-alive, and OpenAI-shaped refusals for anything else.
struct LoopbackChatServerTests {
    static func started(tokens: Int = 24) throws -> LoopbackChatServer {
        let server = try LoopbackChatServer(tokens: tokens, model: "mock-1")
        try server.start()
        return server
    }

    static func body(stream: Bool, usage: Bool = true) -> String {
        let options = usage ? #""stream_options":{"include_usage":true},"# : ""
        return #"{"model":"mock-1","stream":\#(stream),\#(options)"messages":[{"role":"user","content":"Hello there"}]}"#
    }

    @Test func streamsTheTokensWithUsageThenDone() throws {
        let server = try Self.started()
        defer { server.stop() }
        let client = TestClient(port: server.port)
        client.request("POST", "/v1/chat/completions", headers: [bearer], body: Self.body(stream: true))
        let response = client.readResponse()
        #expect(response.status == 200 && response.complete)
        #expect(response.header("content-type") == "text/event-stream; charset=utf-8")
        #expect(response.sseEvents.last?.data == "[DONE]")
        let objects = response.sseObjects
        let text = objects.compactMap { (($0["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any])?["content"] as? String }
            .joined()
        #expect(text.hasPrefix("Mock reply to: Hello there. token1 token2 "))
        let deltas = objects.filter { (($0["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any])?["content"] != nil }
        #expect(deltas.count == 25, "the role chunk's empty content plus 24 tokens")
        let usage = try #require(objects.last?["usage"] as? [String: Any])
        #expect(usage["completion_tokens"] as? Int == 24)
        #expect(usage["prompt_tokens"] as? Int == 2)
        #expect(objects.first?["model"] as? String == "mock-1")
    }

    @Test func wholeReplyAndKeepAlive() throws {
        let server = try Self.started(tokens: 6)
        defer { server.stop() }
        let client = TestClient(port: server.port)
        client.request("POST", "/v1/chat/completions", headers: [bearer], body: Self.body(stream: false))
        let first = client.readResponse()
        client.request("POST", "/v1/chat/completions", headers: [bearer], body: Self.body(stream: true))
        let second = client.readResponse()
        #expect(first.status == 200 && second.status == 200 && second.complete)
        let message = (first.json["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any]
        #expect(message?["content"] as? String == "Mock reply to: Hello there. token1 ")
        #expect((first.json["usage"] as? [String: Any])?["total_tokens"] as? Int == 8)
        #expect(server.acceptedConnections == 1)
        #expect(server.requestsServed == 2)
    }

    @Test func refusesWhatIsNotAChatCompletion() throws {
        let server = try Self.started()
        defer { server.stop() }
        let client = TestClient(port: server.port)
        client.request("GET", "/v1/models", headers: [bearer])
        let unknown = client.readResponse()
        #expect(unknown.status == 404)
        #expect((unknown.json["error"] as? [String: Any])?["code"] as? String == "unknown_url")
        client.request("GET", "/v1/chat/completions", headers: [bearer])
        #expect(client.readResponse().status == 405)
        client.request("POST", "/v1/chat/completions", body: Self.body(stream: false))
        #expect(client.readResponse().status == 401)
        client.request("POST", "/v1/chat/completions", headers: [bearer], body: "not json")
        #expect(client.readResponse().status == 400)
    }
}
