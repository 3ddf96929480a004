import CurlTransport
import Foundation
import HTTPMessage
import MockProviders
import Testing

/// The engine against a real loopback server: pooling, concurrency, cancellation, backpressure.
/// Tests wait for signals from the stream (a body chunk has arrived), never for time to pass; the
/// suite's time limit bounds a test that fails by hanging.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct EngineTests {
    static func chatRequest(_ server: MockServer, _ prompt: String = "hello") -> HTTPRequestSpec {
        let body = #"{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"\#(prompt)"}]}"#
        return HTTPRequestSpec(method: "POST", url: server.baseURL + "/v1/chat/completions",
                               headers: ["Authorization": "Bearer sk-test", "Content-Type": "application/json"],
                               body: Array(body.utf8))
    }

    @Test func sequentialRequestsShareOneConnection() async throws {
        let server = try MockServer()
        try server.start()
        defer { server.stop() }
        let engine = CurlEngine()
        defer { engine.shutdown() }
        var reused: [Bool] = []
        for i in 0..<10 {
            let metrics = try await engine.withScope { client in
                let response = try await client.send(Self.chatRequest(server, "request \(i)"))
                #expect(response.status == 200)
                let body = try await response.readAll()
                #expect(String(decoding: body, as: UTF8.self).contains("[DONE]"))
                return await response.metrics()
            }
            reused.append(metrics.reusedConnection)
        }
        #expect(server.acceptedConnections == 1)
        #expect(reused == [false] + Array(repeating: true, count: 9))
        #expect(engine.activeTransfers == 0)
    }

    @Test func concurrentRequestsAllComplete() async throws {
        let server = try MockServer(configuration: .init(tokens: 20))
        try server.start()
        defer { server.stop() }
        let engine = CurlEngine()
        defer { engine.shutdown() }
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<10 {
                group.addTask {
                    try await engine.withScope { client in
                        let response = try await client.send(Self.chatRequest(server, "concurrent \(i)"))
                        return String(decoding: try await response.readAll(), as: UTF8.self)
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(bodies.count == 10)
        #expect(bodies.allSatisfy { $0.contains("[DONE]") })
        #expect(engine.activeTransfers == 0)
    }

    @Test func cancellingOneScopeLeavesAConcurrentRequestIntact() async throws {
        let server = try MockServer(configuration: .init(tokens: 100, tokenDelay: .milliseconds(20)))
        try server.start()
        defer { server.stop() }
        let engine = CurlEngine()
        defer { engine.shutdown() }
        let survivorStreaming = Signal()
        let victimStreaming = Signal()
        let survivor = Task {
            defer { survivorStreaming.abandon() }
            return try await engine.withScope { client in
                let response = try await client.send(Self.chatRequest(server, "survivor"))
                var body: [UInt8] = []
                for try await chunk in response.body {
                    body += chunk
                    survivorStreaming.fire()
                }
                return String(decoding: body, as: UTF8.self)
            }
        }
        let victim = Task {
            defer { victimStreaming.abandon() }
            try await engine.withScope { client in
                let response = try await client.send(Self.chatRequest(server, "victim"))
                for try await _ in response.body { victimStreaming.fire() }
            }
        }
        // Both are streaming (each has had body bytes) before the victim is cancelled.
        try #require(await survivorStreaming.wait(), "the survivor never streamed")
        try #require(await victimStreaming.wait(), "the victim never streamed")
        victim.cancel()
        await #expect(throws: CancellationError.self) { try await victim.value }
        let text = try await survivor.value
        #expect(text.contains("[DONE]"))
        // A new request after the cancellation still finds a pooled connection.
        let again = try await engine.withScope { client in
            let response = try await client.send(Self.chatRequest(server, "after"))
            _ = try await response.readAll()
            return await response.metrics()
        }
        #expect(again.reusedConnection)
        #expect(engine.activeTransfers == 0)
    }

    /// The reply would take 50 s; cancelling must end the transfer at once, not when the stream ends.
    /// The bound is generous (a loaded 2-core CI machine), yet two orders of magnitude below the stream.
    @Test func cancellationEndsTheTransferAtOnce() async throws {
        let server = try MockServer(configuration: .init(tokens: 1000, tokenDelay: .milliseconds(50)))
        try server.start()
        defer { server.stop() }
        let engine = CurlEngine()
        defer { engine.shutdown() }
        let streaming = Signal()
        let task = Task {
            defer { streaming.abandon() }
            try await engine.withScope { client in
                let response = try await client.send(Self.chatRequest(server))
                for try await _ in response.body { streaming.fire() }
            }
        }
        try #require(await streaming.wait(), "the reply never streamed")
        let clock = ContinuousClock()
        let start = clock.now
        task.cancel()
        _ = await task.result
        let elapsed = clock.now - start
        #expect(elapsed < .seconds(2), "cancel took \(elapsed)")
        #expect(engine.activeTransfers == 0)
    }

    /// Bound: the body buffer (256 KiB) plus libcurl's own buffers; the test allows 16 MiB of growth for a
    /// 200 MiB reply (measured here: under 1 MiB), so buffering the reply would fail it twelve times over.
    @Test func slowConsumerKeepsMemoryBounded() async throws {
        let size = 200 * 1024 * 1024
        let server = try BulkServer(size: size)
        defer { server.stop() }
        let engine = CurlEngine()
        defer { engine.shutdown() }
        let before = residentBytes()
        let (received, peak) = try await engine.withScope { client in
            let response = try await client.send(HTTPRequestSpec(method: "GET", url: server.url))
            var received = 0
            var peak = 0
            var chunks = 0
            for try await chunk in response.body {
                received += chunk.count
                chunks += 1
                if chunks % 16 == 0 {
                    peak = max(peak, residentBytes())
                    try await Task.sleep(for: .milliseconds(1))
                }
            }
            return (received, peak)
        }
        #expect(received == size)
        let growth = peak - before
        print("backpressure: 200 MiB read slowly, RSS grew by \(growth / 1024) KiB")
        #expect(growth < 16 * 1024 * 1024, "RSS grew by \(growth / 1024 / 1024) MiB")
    }

    @Test func connectionRefusedIsATransportError() async throws {
        let engine = CurlEngine()
        defer { engine.shutdown() }
        await #expect(throws: TransportError.self) {
            try await engine.withScope { client in
                _ = try await client.send(HTTPRequestSpec(method: "GET", url: "http://127.0.0.1:1/v1/chat/completions"))
            }
        }
    }

    @Test func userAgentIsTheCallers() async throws {
        let server = try MockServer()
        try server.start()
        defer { server.stop() }
        let engine = CurlEngine()
        defer { engine.shutdown() }
        for agent in ["llmctl/9.9.9", nil] {
            try await engine.withScope { client in
                let response = try await client.send(Self.chatRequest(server), options: TransferOptions(userAgent: agent))
                _ = try await response.readAll()
            }
        }
        let sent = server.recordedRequests.map { $0.header("User-Agent") }
        #expect(sent == ["llmctl/9.9.9", nil])
    }
}
