import CurlTransport
import Foundation
import HTTPMessage
import MockProviders
import TestChildProcess
import Synchronization
import Testing

private let nghttpdPath = "/usr/sbin/nghttpd"

/// HTTP/2 over TLS against a real HTTP/2 server (nghttpd from nghttp2-server, installed by
/// `scripts/install-deps.sh --test`): ALPN picks h2, and concurrent requests are multiplexed as
/// streams of one connection instead of opening one connection each.
@Suite(.serialized)
struct HTTP2Tests {
    static let nghttpd = nghttpdPath

    /// nghttpd serving a directory over TLS with a fresh self-signed certificate for 127.0.0.1.
    final class Server: Sendable {
        let directory: String
        let port: Int
        let process: TestChild
        var certificate: String { directory + "/cert.pem" }
        var url: String { "https://127.0.0.1:\(port)/reply.txt" }

        init(fileSize: Int) async throws {
            directory = NSTemporaryDirectory() + "llmctl-h2-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: directory + "/docs", withIntermediateDirectories: true)
            try Data(repeating: UInt8(ascii: "x"), count: fileSize).write(to: URL(fileURLWithPath: directory + "/docs/reply.txt"))
            _ = try await TestChild.run(
                path: "/usr/bin/openssl",
                arguments: ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", directory + "/key.pem",
                            "-out", directory + "/cert.pem"],
                environment: ["PATH": "/usr/bin:/bin"], timeout: 30)
            port = LoopbackPort.unused()
            process = try await TestChild(path: HTTP2Tests.nghttpd,
                                          arguments: ["--address=127.0.0.1", "-d", directory + "/docs", String(port),
                                                      directory + "/key.pem", directory + "/cert.pem"],
                                          environment: ["PATH": "/usr/bin:/bin"], timeout: 120)
            // Ready when it accepts a connection.
            for _ in 0..<200 where !LoopbackPort.accepts(port) { try await Task.sleep(for: .milliseconds(10)) }
        }

        func stop() {
            process.send(SIGKILL)
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test func concurrentRequestsAreMultiplexedOnOneConnection() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.nghttpd),
                     "nghttpd missing: make test installs it (scripts/install-deps.sh --test)")
        let server = try await Server(fileSize: 64 * 1024)
        defer { server.stop() }
        let engine = CurlEngine()
        defer { engine.shutdown() }
        let options = TransferOptions(caBundlePath: server.certificate)
        let results = try await withThrowingTaskGroup(of: (Int, TransferMetrics).self) { group in
            for _ in 0..<10 {
                group.addTask { [url = server.url] in
                    try await engine.withScope { client in
                        let response = try await client.send(HTTPRequestSpec(method: "GET", url: url), options: options)
                        #expect(response.status == 200)
                        let body = try await response.readAll()
                        return (body.count, await response.metrics())
                    }
                }
            }
            var all: [(Int, TransferMetrics)] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.allSatisfy { $0.0 == 64 * 1024 })
        #expect(results.allSatisfy { $0.1.httpVersion == "2" }, "\(results.map(\.1.httpVersion))")
        // Ten streams, one TLS connection: one transfer opened it, nine rode on it.
        #expect(results.filter { !$0.1.reusedConnection }.count == 1)
        #expect(Set(results.map(\.1.localPort)).count == 1)
        #expect(results.filter { $0.1.tlsDuration > 0 }.count == 1, "one TLS handshake")
    }

    @Test func untrustedCertificateIsRejectedOverHTTP2Too() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.nghttpd),
                     "nghttpd missing: make test installs it (scripts/install-deps.sh --test)")
        let server = try await Server(fileSize: 16)
        defer { server.stop() }
        let engine = CurlEngine()
        defer { engine.shutdown() }
        await #expect(throws: TransportError.self) {
            try await engine.withScope { client in
                _ = try await client.send(HTTPRequestSpec(method: "GET", url: server.url))
            }
        }
    }
}

/// In EngineTests, which runs one test at a time: this one moves hundreds of megabytes, which must not
/// overlap the test that measures the engine's memory.
extension EngineTests {
    /// Two streams multiplexed on one HTTP/2 connection; one scope is cancelled mid-stream: the other
    /// stream completes intact and the connection count stays one.
    @Test(.timeLimit(.minutes(1))) func cancellingOneStreamLeavesTheOtherOnTheSameConnection() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: HTTP2Tests.nghttpd),
                     "nghttpd missing: make test installs it (scripts/install-deps.sh --test)")
        let size = 192 << 20
        let server = try await HTTP2Tests.Server(fileSize: size)
        defer { server.stop() }
        let engine = CurlEngine()
        defer { engine.shutdown() }
        // Buffers larger than the file, so no stream is ever paused for want of room (a paused HTTP/2
        // stream can stall with libcurl 7.88: a separate defect, see the session note); the file is
        // large enough that the victim is still mid-stream when it is cancelled.
        let options = TransferOptions(caBundlePath: server.certificate, bufferLimit: size + 1)
        let victimOptions = options
        // The survivor opens the connection; the second stream joins it once the first bytes arrived.
        let firstBytes = Signal()
        let survivor = Task {
            try await engine.withScope { client in
                let response = try await client.send(HTTPRequestSpec(method: "GET", url: server.url), options: options)
                var count = 0
                for try await chunk in response.body {
                    count += chunk.count
                    firstBytes.fire()
                }
                return (count, await response.metrics())
            }
        }
        #expect(await firstBytes.wait(deadline: .seconds(30)))
        let cancelledMidStream = Signal()
        let victimConnection = Mutex<(reused: Bool, port: Int)?>(nil)
        let victim = Task {
            try await engine.withScope { client in
                let response = try await client.send(HTTPRequestSpec(method: "GET", url: server.url), options: victimOptions)
                let metrics = await response.metrics()
                victimConnection.withLock { $0 = (metrics.reusedConnection, metrics.localPort) }
                var count = 0
                for try await chunk in response.body {
                    count += chunk.count
                    cancelledMidStream.fire()
                    // Stop reading: the scope is cancelled while the stream is still open.
                    try await Task.sleep(for: .seconds(60))
                }
                return (count, metrics)
            }
        }
        #expect(await cancelledMidStream.wait(deadline: .seconds(30)))
        victim.cancel()
        let victimResult = await victim.result
        let (received, metrics) = try await survivor.value
        #expect(received == size, "the other stream completed intact")
        #expect(metrics.httpVersion == "2")
        if case .success(let (count, _)) = victimResult { Issue.record("the victim was not cancelled (read \(count) bytes)") }
        // One connection: the victim rode on the survivor's, and a third request still finds it.
        let third = try await engine.withScope { client in
            let response = try await client.send(HTTPRequestSpec(method: "GET", url: server.url), options: options)
            _ = try await response.readAll()
            return await response.metrics()
        }
        #expect(third.reusedConnection)
        #expect(third.localPort == metrics.localPort)
        let joined = try #require(victimConnection.withLock { $0 })
        #expect(joined.reused && joined.port == metrics.localPort, "the cancelled stream shared the connection")
        #expect(!metrics.reusedConnection, "one connection opened in all")
    }
}
