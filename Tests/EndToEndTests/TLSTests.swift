import Foundation
import Testing

/// TLS verification is on by default, and `SSL_CERT_FILE` / `CURL_CA_BUNDLE` name the trusted CAs.
@Suite(.serialized)
struct TLSTests {
    /// A self-signed certificate for 127.0.0.1 and an HTTPS server using it (Tests/Fixtures/tls_server.py).
    final class Server {
        let directory: String
        let process = Process()
        let port: Int

        init() throws {
            directory = NSTemporaryDirectory() + "llmctl-tls-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let openssl = Process()
            openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            openssl.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                                 "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", directory + "/key.pem",
                                 "-out", directory + "/cert.pem"]
            openssl.standardError = FileHandle.nullDevice
            try openssl.run()
            openssl.waitUntilExit()
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/tls_server.py").path
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script, directory + "/cert.pem", directory + "/key.pem"]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let byte = out.fileHandleForReading.readData(ofLength: 1)
                if byte.isEmpty { break }
                line.append(byte)
            }
            port = Int(String(decoding: line, as: UTF8.self).split(separator: " ").last?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
        }

        var certificate: String { directory + "/cert.pem" }

        func stop() {
            process.terminate()
            process.waitUntilExit()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    static func environment(_ server: Server) -> [String: String] {
        var env = CLIRunner.baseEnvironment()
        env["OPENAI_API_KEY"] = "sk-tls-test-123456"
        env["OPENAI_BASE_URL"] = "https://127.0.0.1:\(server.port)/v1"
        return env
    }

    @Test func untrustedCertificateIsRejected() throws {
        let server = try Server()
        defer { server.stop() }
        #expect(server.port > 0)
        let result = try CLIRunner.run(["ask", "--retries", "0", "-m", "openai:gpt-4o-mini", "hi"],
                                       environment: Self.environment(server))
        #expect(result.status == 6, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("TLS"))
        #expect(result.stderr.contains("SSL_CERT_FILE"))
        #expect(result.stdout.isEmpty)
    }

    @Test func sslCertFileIsHonoured() throws {
        let server = try Server()
        defer { server.stop() }
        var env = Self.environment(server)
        env["SSL_CERT_FILE"] = server.certificate
        let result = try CLIRunner.run(["ask", "--json", "-m", "openai:gpt-4o-mini", "hi"], environment: env)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["text"] as? String == "secure hello")
        let connection = try #require(object["connection"] as? [String: Any])
        #expect((connection["tls_ms"] as? Double ?? 0) > 0)
    }

    @Test func curlCABundleIsHonoured() throws {
        let server = try Server()
        defer { server.stop() }
        var env = Self.environment(server)
        env["CURL_CA_BUNDLE"] = server.certificate
        let result = try CLIRunner.run(["ask", "-m", "openai:gpt-4o-mini", "hi"], environment: env)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "secure hello\n")
    }
}
