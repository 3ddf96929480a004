import Foundation
import MockProviders
import Testing

/// Each fault type, observed on the wire with the OpenAI dialect (the runner is shared by all).
struct FaultTests {
    func stream(_ server: MockServer, _ body: String = openAIBody()) -> TestResponse {
        roundTrip(server.port, "/v1/chat/completions", headers: [bearer], body: body)
    }

    func deltas(_ response: TestResponse) -> [String] {
        response.sseObjects.compactMap {
            (($0["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any])?["content"] as? String
        }.filter { !$0.isEmpty }
    }

    @Test func statusFaultUsesProviderBodyAndHeaders() throws {
        let server = try started()
        defer { server.stop() }
        server.enqueueFaults([.http(429, headers: ["retry-after": "3"])])
        let response = stream(server)
        #expect(response.status == 429)
        #expect(response.header("retry-after") == "3")
        let error = try #require(response.json["error"] as? [String: Any])
        #expect(error["code"] as? String == "rate_limit_exceeded")
        #expect(stream(server).status == 200)  // one fault per request
    }

    @Test func rawBodyReplacesTheProviderBody() throws {
        let server = try started()
        defer { server.stop() }
        server.enqueueFaults([MockFault(status: 502, body: "<html>bad gateway</html>")])
        let response = stream(server)
        #expect(response.status == 502)
        #expect(response.text == "<html>bad gateway</html>")
    }

    @Test func dropAfterTokensCutsTheConnection() throws {
        let server = try started(.init(tokens: 10))
        defer { server.stop() }
        server.enqueueFaults([MockFault(dropAfterTokens: 3)])
        let client = TestClient(port: server.port)
        client.request("POST", "/v1/chat/completions", headers: [bearer], body: openAIBody())
        let response = client.readResponse()
        #expect(response.status == 200)
        #expect(!response.complete)
        #expect(deltas(response).count == 3)
        #expect(!response.text.contains("[DONE]"))
        #expect(client.closedByPeer)
        #expect(server.disconnectedEarly == 0)
    }

    @Test func firstByteAndTokenDelays() throws {
        let server = try started(.init(tokens: 5))
        defer { server.stop() }
        server.enqueueFaults([MockFault(firstByteDelay: .milliseconds(150)),
                              MockFault(tokenDelay: .milliseconds(40))])
        var start = Date()
        #expect(stream(server).complete)
        #expect(Date().timeIntervalSince(start) >= 0.15)
        start = Date()
        #expect(deltas(stream(server)).count == 5)
        #expect(Date().timeIntervalSince(start) >= 0.2)
    }

    @Test func malformedChunkIsInsertedAndStreamContinues() throws {
        let server = try started(.init(tokens: 4))
        defer { server.stop() }
        server.enqueueFaults([MockFault(malformedChunkAfter: 2)])
        let response = stream(server)
        let events = response.sseEvents
        let broken = events.filter {
            $0.data != "[DONE]" && (try? JSONSerialization.jsonObject(with: Data($0.data.utf8))) == nil
        }
        #expect(broken.count == 1)
        #expect(events.firstIndex { $0.data == broken[0].data } == 3)  // role, two deltas, then it
        #expect(deltas(response).count == 4)
        #expect(events.last?.data == "[DONE]")
    }

    @Test func midStreamErrorEndsTheStream() throws {
        let server = try started(.init(tokens: 6))
        defer { server.stop() }
        server.enqueueFaults([MockFault(midStreamErrorAfter: 2)])
        let response = stream(server)
        #expect(response.status == 200 && response.complete)
        #expect(deltas(response).count == 2)
        let last = try #require(response.sseObjects.last)
        #expect((last["error"] as? [String: Any])?["type"] as? String == "server_error")
        #expect(!response.text.contains("[DONE]"))
    }

    @Test func omittedEndMarker() throws {
        let server = try started(.init(tokens: 3))
        defer { server.stop() }
        server.enqueueFaults([MockFault(omitEndMarker: true)])
        let response = stream(server)
        #expect(response.complete)
        #expect(deltas(response).count == 3)
        #expect(!response.text.contains("[DONE]"))
    }

    @Test func lineEndings() throws {
        let server = try started(.init(tokens: 3))
        defer { server.stop() }
        server.enqueueFaults([MockFault(lineEnding: .crlf), MockFault(lineEnding: .cr)])
        let crlf = stream(server)
        #expect(crlf.text.hasSuffix("data: [DONE]\r\n\r\n"))
        #expect(!crlf.text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let cr = stream(server)
        #expect(cr.text.hasSuffix("data: [DONE]\r\r"))
        #expect(!cr.text.contains("\n"))
        #expect(deltas(cr).count == 3)
    }

    @Test func splitWritesProduceTinyChunksWithTheSameBytes() throws {
        let server = try started(.init(tokens: 4))
        defer { server.stop() }
        let whole = stream(server)
        server.enqueueFaults([MockFault(splitWrites: true), MockFault(splitWrites: true, splitMaxBytes: 1)])
        let split = stream(server)
        let bytewise = stream(server)
        #expect(split.complete && bytewise.complete)
        #expect(split.chunks.allSatisfy { $0.count <= 4 })
        #expect(bytewise.chunks.allSatisfy { $0.count == 1 })
        // Same stream apart from ids and timestamps: compare the deltas.
        #expect(deltas(split) == deltas(whole))
        #expect(deltas(bytewise) == deltas(whole))
    }

    @Test func tokensOverrideAndDefaultFault() throws {
        let server = try started(.init(tokens: 3))
        defer { server.stop() }
        server.setDefaultFault(MockFault(tokens: 8))
        server.enqueueFaults([MockFault(tokens: 1)])
        #expect(deltas(stream(server)).count == 1)
        #expect(deltas(stream(server)).count == 8)
        server.setDefaultFault(nil)
        #expect(deltas(stream(server)).count == 3)
    }

    @Test func finishReasonOverride() throws {
        let server = try started(.init(tokens: 2))
        defer { server.stop() }
        server.enqueueFaults([MockFault(finishReason: "content_filter")])
        let finish = stream(server).sseObjects.last { ($0["choices"] as? [[String: Any]])?.first?["finish_reason"] is String }
        #expect((finish?["choices"] as? [[String: Any]])?.first?["finish_reason"] as? String == "content_filter")
    }
}
