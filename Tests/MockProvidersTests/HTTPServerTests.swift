#if canImport(Glibc)
import Glibc
#endif
import Foundation
import LoopbackServer
@testable import MockProviders
import Testing

/// The HTTP/1.1 layer: keep-alive, close, request bodies, counters, control endpoints, shutdown.
struct HTTPServerTests {
    @Test func twoRequestsOnOneConnection() throws {
        let server = try started(.init(tokens: 3))
        defer { server.stop() }
        let client = TestClient(port: server.port)
        client.request("POST", "/v1/chat/completions", headers: [bearer], body: openAIBody())
        let first = client.readResponse()
        client.request("POST", "/v1/chat/completions", headers: [bearer], body: openAIBody(stream: false))
        let second = client.readResponse()
        #expect(first.complete && second.complete)
        #expect(first.status == 200 && second.status == 200)
        #expect(server.acceptedConnections == 1)
        #expect(server.requestsServed == 2)
        #expect(server.openConnections == 1)
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let server = try started(.init(tokens: 5))
        defer { server.stop() }
        let client = TestClient(port: server.port)
        let one = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\n"
            + "Content-Length: \(openAIBody("first").utf8.count)\r\n\r\n" + openAIBody("first")
        let two = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\n"
            + "Content-Length: \(openAIBody("second").utf8.count)\r\n\r\n" + openAIBody("second")
        client.send(one + two)
        #expect(client.readResponse().text.contains("first"))
        #expect(client.readResponse().text.contains("second"))
    }

    @Test func connectionCloseIsHonoured() throws {
        let server = try started()
        defer { server.stop() }
        let client = TestClient(port: server.port)
        client.request("POST", "/v1/chat/completions", headers: [bearer, ("Connection", "close")], body: openAIBody())
        let response = client.readResponse()
        #expect(response.complete)
        #expect(response.header("connection") == "close")
        #expect(client.waitForClose())
    }

    @Test func chunkedRequestBodyWithExpectContinue() throws {
        let server = try started(.init(tokens: 5))
        defer { server.stop() }
        let client = TestClient(port: server.port)
        let body = Array(openAIBody("chunked body").utf8)
        client.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\n"
            + "Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n")
        let interim = client.readResponse()
        #expect(interim.status == 100)
        let half = body.count / 2
        client.send(String(half, radix: 16) + "\r\n" + String(decoding: body[..<half], as: UTF8.self) + "\r\n")
        client.send(String(body.count - half, radix: 16) + ";ext=1\r\n"
            + String(decoding: body[half...], as: UTF8.self) + "\r\n0\r\n\r\n")
        let response = client.readResponse()
        #expect(response.status == 200)
        #expect(response.text.contains("chunked "))
        #expect(server.recordedRequests.last?.body == body)
    }

    @Test func recordedRequestsKeepMethodPathHeadersAndBody() throws {
        let server = try started()
        defer { server.stop() }
        _ = roundTrip(server.port, "/v1/chat/completions?x=1", headers: [bearer, ("X-Custom", "yes")],
                      body: openAIBody("remember me"))
        let recorded = try #require(server.recordedRequests.last)
        #expect(recorded.method == "POST")
        #expect(recorded.target == "/v1/chat/completions?x=1")
        #expect(recorded.path == "/v1/chat/completions")
        #expect(recorded.header("x-custom") == "yes")
        #expect(recorded.bodyText.contains("remember me"))
    }

    @Test func controlEndpointsQueueFaultsAndReportStats() throws {
        let server = try started()
        defer { server.stop() }
        let queued = roundTrip(server.port, "/__mock/faults",
                               body: #"[{"status":503},{"drop_after_tokens":1,"token_delay_ms":1}]"#)
        #expect(queued.json["queued"] as? Int == 2)
        #expect(server.pendingFaults == 2)
        #expect(roundTrip(server.port, "/v1/chat/completions", headers: [bearer], body: openAIBody()).status == 503)
        let dropped = roundTrip(server.port, "/v1/chat/completions", headers: [bearer], body: openAIBody())
        #expect(dropped.status == 200 && !dropped.complete)
        let stats = roundTrip(server.port, "/__mock/stats", method: "GET").json
        #expect(stats["requests"] as? Int == 2)
        #expect(stats["accepted_connections"] as? Int == 4)
        #expect(stats["disconnected_early"] as? Int == 0)
        #expect(stats["open_connections"] != nil)
        _ = roundTrip(server.port, "/__mock/faults", body: #"[{"status":500}]"#)
        #expect(roundTrip(server.port, "/__mock/reset").status == 200)
        #expect(server.pendingFaults == 0)
        #expect(server.requestsServed == 0)
        #expect(roundTrip(server.port, "/v1/chat/completions", headers: [bearer], body: openAIBody()).status == 200)
    }

    @Test func faultJSONRoundTrips() throws {
        let fault = MockFault(status: 429, headers: ["retry-after": "1"], dropAfterTokens: 2,
                              firstByteDelay: .milliseconds(150), tokenDelay: .microseconds(2500),
                              lineEnding: .crlf, splitWrites: true, retryAfter: .seconds(2))
        let data = try JSONEncoder().encode(fault)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""first_byte_delay_ms":150"#))
        #expect(text.contains(#""token_delay_ms":2.5"#))
        #expect(try JSONDecoder().decode(MockFault.self, from: data) == fault)
    }

    @Test func clientLeavingMidStreamIsCounted() throws {
        let server = try started(.init(tokens: 200, tokenDelay: .milliseconds(5)))
        defer { server.stop() }
        do {
            let client = TestClient(port: server.port)
            client.request("POST", "/v1/chat/completions", headers: [bearer], body: openAIBody())
            var buffer = [UInt8](repeating: 0, count: 512)
            _ = recv(client.fd, &buffer, buffer.count, 0)
        }
        let deadline = Date().addingTimeInterval(3)
        while (server.disconnectedEarly == 0 || server.openConnections > 0) && Date() < deadline { usleep(5_000) }
        #expect(server.disconnectedEarly == 1)
        #expect(server.openConnections == 0)
    }

    @Test func stopEndsSlowStreamsPromptly() throws {
        let server = try started(.init(tokens: 5, tokenDelay: .seconds(30)))
        let client = TestClient(port: server.port)
        client.request("POST", "/v1/chat/completions", headers: [bearer], body: openAIBody())
        usleep(50_000)
        let start = Date()
        server.stop()
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(server.openConnections == 0)
        #expect(client.waitForClose())
    }

    @Test func manyConcurrentConnections() throws {
        let server = try started(.init(tokens: 5))
        defer { server.stop() }
        let clients = (0..<300).map { _ in TestClient(port: server.port) }
        for (i, client) in clients.enumerated() {
            client.request("POST", "/v1/chat/completions", headers: [bearer], body: openAIBody("client \(i)"))
        }
        let responses = clients.map { $0.readResponse() }
        #expect(responses.allSatisfy { $0.complete && $0.status == 200 })
        #expect(server.acceptedConnections == 300)
        #expect(server.requestsServed == 300)
    }

    @Test func unknownPathIs404AndWrongMethodIs405() throws {
        let server = try started()
        defer { server.stop() }
        #expect(roundTrip(server.port, "/nowhere", headers: [bearer], body: "{}").status == 404)
        #expect(roundTrip(server.port, "/v1/chat/completions", method: "GET", headers: [bearer]).status == 405)
    }

    @Test func http10StreamIsCloseDelimited() throws {
        let server = try started(.init(tokens: 3))
        defer { server.stop() }
        let client = TestClient(port: server.port)
        let body = openAIBody()
        client.send("POST /v1/chat/completions HTTP/1.0\r\nAuthorization: Bearer k\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n" + body)
        let response = client.readResponse()
        #expect(response.header("transfer-encoding") == nil)
        #expect(response.header("connection") == "close")
        #expect(response.text.hasSuffix("data: [DONE]\n\n"))
    }

    @Test func garbageIsRefusedAndTheServerCarriesOn() throws {
        let server = try started()
        defer { server.stop() }
        let client = TestClient(port: server.port)
        client.send([0x16, 0x03, 0x01, 0x00, 0xA5, 0x01, 0x00, 0x00, 0xA1, 0x0D, 0x0A, 0x0D, 0x0A])  // a TLS hello
        #expect(client.readResponse().status == 400)
        #expect(client.waitForClose())
        let large = String(repeating: "word ", count: 300_000)
        // A debug-built server counting 300,000 words can take seconds on a loaded machine: a longer deadline.
        let big = TestClient(port: server.port, timeoutSeconds: 30)
        big.request("POST", "/v1/chat/completions", headers: [bearer, ("Expect", "100-continue")],
                    body: openAIBody(large, stream: false))
        var response = big.readResponse()
        if response.status == 100 { response = big.readResponse() }  // sent only if the body was still arriving
        #expect(response.status == 200)
        #expect((response.json["usage"] as? [String: Any])?["prompt_tokens"] as? Int == 300_000)
        #expect(server.recordedRequests.last?.body.count == openAIBody(large, stream: false).utf8.count)
    }

    @Test func parserHandlesLFOnlyHeadsAndRejectsGarbage() {
        let head = Array("GET /a?b=c%20d HTTP/1.1\nHost: x\nX-A:  spaced  \n\nrest".utf8)
        guard case .done(let request, let consumed) = HTTPParser.parseHead(head[...]) else {
            Issue.record("head not parsed")
            return
        }
        #expect(request.method == "GET")
        #expect(request.query("b") == "c d")
        #expect(request.header("x-a") == "spaced")
        #expect(consumed == head.count - 4)
        guard case .invalid = HTTPParser.parseHead(Array("NONSENSE\r\n\r\n".utf8)[...]) else {
            Issue.record("garbage accepted")
            return
        }
        guard case .done(let body, _) = HTTPParser.parseChunked(Array("3\r\nabc\r\n0\r\nTrailer: x\r\n\r\n".utf8)[...])
        else {
            Issue.record("chunked body not parsed")
            return
        }
        #expect(body == Array("abc".utf8))
    }
}
