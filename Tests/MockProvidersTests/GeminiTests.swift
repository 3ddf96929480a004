import Foundation
import MockProviders
import Testing

/// Gemini streamGenerateContent / generateContent (providers.md §5, §10).
struct GeminiTests {
    static let path = "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"
    static let key = ("x-goog-api-key", "AIza-test")

    static func body(maxTokens: Int? = nil) -> String {
        let config = maxTokens.map { #","generationConfig":{"maxOutputTokens":\#($0)}"# } ?? ""
        return #"{"systemInstruction":{"parts":[{"text":"Be terse."}]},"#
            + #""contents":[{"role":"user","parts":[{"text":"Hi there"}]}]\#(config)}"#
    }

    static func text(_ chunk: [String: Any]) -> String? {
        let candidate = (chunk["candidates"] as? [[String: Any]])?.first
        return ((candidate?["content"] as? [String: Any])?["parts"] as? [[String: Any]])?.first?["text"] as? String
    }

    static func finish(_ chunk: [String: Any]?) -> String? {
        ((chunk?["candidates"] as? [[String: Any]])?.first)?["finishReason"] as? String
    }

    @Test func sseChunksCarryIncrementalTextAndFinalUsage() throws {
        let server = try started(.init(tokens: 4))
        defer { server.stop() }
        let response = roundTrip(server.port, Self.path, headers: [Self.key], body: Self.body())
        #expect(response.status == 200 && response.complete)
        #expect(response.header("content-type") == "text/event-stream")
        #expect(!response.text.contains("[DONE]"))
        let chunks = response.sseObjects
        #expect(chunks.count == 4)
        #expect(chunks.compactMap(Self.text).joined() == "Mock reply to: Hi ")
        #expect(chunks.dropLast().allSatisfy { Self.finish($0) == nil })
        #expect(Self.finish(chunks.last) == "STOP")
        let early = chunks.first?["usageMetadata"] as? [String: Any]
        #expect(early?["promptTokenCount"] as? Int == 4)
        #expect(early?["candidatesTokenCount"] == nil)
        let final = chunks.last?["usageMetadata"] as? [String: Any]
        #expect(final?["candidatesTokenCount"] as? Int == 4)
        #expect(final?["totalTokenCount"] as? Int == 8)
        #expect(chunks.last?["modelVersion"] as? String == "gemini-2.5-flash")
    }

    @Test func v1PathQueryKeyAndMaxTokens() throws {
        let server = try started(.init(tokens: 9))
        defer { server.stop() }
        let response = roundTrip(server.port, "/v1/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=k",
                                 body: Self.body(maxTokens: 3))
        #expect(response.status == 200)
        #expect(response.sseObjects.count == 3)
        #expect(Self.finish(response.sseObjects.last) == "MAX_TOKENS")
    }

    @Test func safetyFinishAndNonStreaming() throws {
        let server = try started(.init(tokens: 2))
        defer { server.stop() }
        server.enqueueFaults([MockFault(finishReason: "SAFETY")])
        let safety = roundTrip(server.port, Self.path, headers: [Self.key], body: Self.body())
        #expect(Self.finish(safety.sseObjects.last) == "SAFETY")
        let whole = roundTrip(server.port, "/v1beta/models/gemini-2.5-flash:generateContent", headers: [Self.key],
                              body: Self.body())
        #expect(whole.status == 200)
        #expect(Self.text(whole.json) == "Mock reply ")
        #expect(Self.finish(whole.json) == "STOP")
    }

    @Test func withoutAltSSETheReplyIsOneJSONArray() throws {
        let server = try started(.init(tokens: 3))
        defer { server.stop() }
        let response = roundTrip(server.port, "/v1beta/models/gemini-2.5-flash:streamGenerateContent",
                                 headers: [Self.key], body: Self.body())
        #expect(response.header("content-type")?.hasPrefix("application/json") == true)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]])
        #expect(array.count == 3)
        #expect(Self.finish(array.last) == "STOP")
    }

    @Test func keyErrorsFollowGoogleShapes() throws {
        let server = try started(.init(acceptedKeys: ["good"]))
        defer { server.stop() }
        let missing = roundTrip(server.port, Self.path, body: Self.body())
        #expect(missing.status == 403)
        #expect((missing.json["error"] as? [String: Any])?["status"] as? String == "PERMISSION_DENIED")
        let wrong = roundTrip(server.port, Self.path, headers: [("x-goog-api-key", "bad")], body: Self.body())
        #expect(wrong.status == 400)
        let error = try #require(wrong.json["error"] as? [String: Any])
        #expect(error["status"] as? String == "INVALID_ARGUMENT")
        #expect(error["code"] as? Int == 400)
        let reasons = (error["details"] as? [[String: Any]])?.compactMap { $0["reason"] as? String }
        #expect(reasons == ["API_KEY_INVALID"])
    }

    @Test func rateLimitHasRetryInfoAndMidStreamError() throws {
        let server = try started(.init(tokens: 5))
        defer { server.stop() }
        server.enqueueFaults([.http(429), MockFault(midStreamErrorAfter: 1)])
        let limited = roundTrip(server.port, Self.path, headers: [Self.key], body: Self.body())
        #expect(limited.status == 429)
        let details = ((limited.json["error"] as? [String: Any])?["details"] as? [[String: Any]]) ?? []
        let retry = details.first { $0["@type"] as? String == "type.googleapis.com/google.rpc.RetryInfo" }
        #expect(retry?["retryDelay"] as? String == "2s")
        let broken = roundTrip(server.port, Self.path, headers: [Self.key], body: Self.body())
        #expect(broken.status == 200)
        let last = broken.sseObjects.last?["error"] as? [String: Any]
        #expect(last?["code"] as? Int == 500)
        #expect(last?["status"] as? String == "INTERNAL")
    }

    @Test func omitEndMarkerLeavesOutTheFinishReason() throws {
        let server = try started(.init(tokens: 3))
        defer { server.stop() }
        server.enqueueFaults([MockFault(omitEndMarker: true, lineEnding: .crlf)])
        let response = roundTrip(server.port, Self.path, headers: [Self.key], body: Self.body())
        #expect(response.text.contains("\r\n\r\n"))
        #expect(response.sseObjects.count == 3)
        #expect(response.sseObjects.allSatisfy { Self.finish($0) == nil })
    }
}
