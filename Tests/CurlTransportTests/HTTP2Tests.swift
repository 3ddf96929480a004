import CurlTransport
import Foundation
import HTTPMessage
import MockProviders
import TestChildProcess
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
