import Foundation
import TestChildProcess
import Testing

/// TLS verification is on by default, and `SSL_CERT_FILE` / `CURL_CA_BUNDLE` name the trusted CAs.
@Suite(.serialized)
struct TLSTests {
    /// A self-signed certificate for 127.0.0.1 and an HTTPS server using it (Tests/Fixtures/tls_server.py).
    final class Server {
        let directory: String
        let process: TestChild
        let port: Int

        init() async throws {
            directory = NSTemporaryDirectory() + "llmctl-tls-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            _ = try await TestChild.run(
                path: "/usr/bin/openssl",
                arguments: ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", directory + "/key.pem",
                            "-out", directory + "/cert.pem"],
                environment: CLIRunner.baseEnvironment(), timeout: 30)
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/tls_server.py").path
            var env = ProcessInfo.processInfo.environment
            env["PYTHONUNBUFFERED"] = "1"
            process = try await TestChild(path: "/usr/bin/env",
                                          arguments: ["python3", script, directory + "/cert.pem", directory + "/key.pem"],
                                          environment: env, timeout: 120)
            let line = await process.firstStdoutLine(timeout: 20) ?? ""
            port = Int(line.split(separator: " ").last ?? "") ?? 0
        }

        var certificate: String { directory + "/cert.pem" }

        func stop() {
            process.send(SIGKILL)
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    static func environment(_ server: Server) -> [String: String] {
        var env = CLIRunner.baseEnvironment()
        env["OPENAI_API_KEY"] = "sk-tls-test-123456"
        env["OPENAI_BASE_URL"] = "https://127.0.0.1:\(server.port)/v1"
        return env
    }

    @Test func untrustedCertificateIsRejected() async throws {
        let server = try await Server()
        defer { server.stop() }
        #expect(server.port > 0)
        let result = try await CLIRunner.run(["ask", "--retries", "0", "-m", "openai:gpt-4o-mini", "hi"],
                                       environment: Self.environment(server))
        #expect(result.status == 6, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("TLS"))
        #expect(result.stderr.contains("SSL_CERT_FILE"))
        #expect(result.stdout.isEmpty)
    }

    @Test func sslCertFileIsHonoured() async throws {
        let server = try await Server()
        defer { server.stop() }
        var env = Self.environment(server)
        env["SSL_CERT_FILE"] = server.certificate
        let result = try await CLIRunner.run(["ask", "--json", "-m", "openai:gpt-4o-mini", "hi"], environment: env)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["text"] as? String == "secure hello")
        let connection = try #require(object["connection"] as? [String: Any])
        #expect((connection["tls_ms"] as? Double ?? 0) > 0)
    }

    @Test func curlCABundleIsHonoured() async throws {
        let server = try await Server()
        defer { server.stop() }
        var env = Self.environment(server)
        env["CURL_CA_BUNDLE"] = server.certificate
        let result = try await CLIRunner.run(["ask", "-m", "openai:gpt-4o-mini", "hi"], environment: env)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "secure hello\n")
    }
}
