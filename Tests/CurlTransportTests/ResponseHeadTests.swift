import CurlTransport
import Foundation
import HTTPMessage
import MockProviders
import Testing

/// Response header values as the engine hands them over: no line ending left on them.
struct ResponseHeadTests {
    @Test func headerValuesCarryNoLineEnding() async throws {
        let server = try MockServer()
        try server.start()
        defer { server.stop() }
        server.enqueueFaults([.http(429, retryAfter: .seconds(3))])
        let engine = CurlEngine()
        defer { engine.shutdown() }
        let body = #"{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"hi"}]}"#
        let request = HTTPRequestSpec(method: "POST", url: server.baseURL + "/v1/chat/completions",
                                      headers: ["Authorization": "Bearer sk-test", "Content-Type": "application/json"],
                                      body: Array(body.utf8))
        let (status, headers) = try await engine.withScope { client in
            let response = try await client.send(request)
            _ = try await response.readAll()
            return (response.status, response.headers)
        }
        #expect(status == 429)
        #expect(headers["retry-after"] == "3")
        #expect(headers["content-type"] == "application/json")
        for field in headers {
            #expect(!field.value.contains("\r") && !field.value.contains("\n"), "\(field.name): \(field.value.debugDescription)")
        }
    }
}
