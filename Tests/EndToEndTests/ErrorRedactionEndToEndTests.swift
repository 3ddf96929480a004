import Foundation
import MockProviders
import Testing

/// A provider that echoes the credential in an error's type, status, reason, code or the
/// `x-amzn-errortype` header: the key reaches neither stderr, nor `--json`, nor the log.
struct ErrorRedactionEndToEndTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var model: String
        var key: String
        var environment: @Sendable (MockServer) -> [String: String]
        var body: @Sendable (String) -> String
        var headers: @Sendable (String) -> [String: String] = { _ in [:] }
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "openai", model: "openai:gpt-4o-mini", key: "sk-redact-openai-0123456789",
             environment: { ["OPENAI_API_KEY": "sk-redact-openai-0123456789", "OPENAI_BASE_URL": $0.baseURL + "/v1"] },
             body: { #"{"error":{"message":"bad","type":"\#($0)","code":"\#($0)","param":"\#($0)"}}"# }),
        Case(name: "anthropic", model: "anthropic:claude-sonnet-4-5", key: "sk-ant-redact-0123456789",
             environment: { ["ANTHROPIC_API_KEY": "sk-ant-redact-0123456789", "ANTHROPIC_BASE_URL": $0.baseURL] },
             body: { #"{"type":"error","error":{"type":"\#($0)","message":"bad \#($0)"},"request_id":"\#($0)"}"# }),
        Case(name: "gemini", model: "gemini:gemini-2.5-flash", key: "AIza-redact-gemini-0123456789",
             environment: { ["GEMINI_API_KEY": "AIza-redact-gemini-0123456789", "GOOGLE_GEMINI_BASE_URL": $0.baseURL] },
             body: { #"{"error":{"code":400,"message":"bad","status":"\#($0)","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"\#($0)"}]}}"# }),
        Case(name: "bedrock", model: "bedrock:anthropic.claude-3-haiku-20240307-v1:0", key: "bedrock-redact-token-0123456789",
             environment: { ["AWS_BEARER_TOKEN_BEDROCK": "bedrock-redact-token-0123456789", "AWS_REGION": "us-east-1",
                             "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": $0.baseURL] },
             body: { #"{"message":"bad \#($0)"}"# }, headers: { ["x-amzn-errortype": "\($0):http://internal.amazon.com/coral/"] }),
    ]

    @Test(arguments: cases)
    func keysInErrorFieldsAreRedacted(_ c: Case) async throws {
        let server = try E2E.start(.init(acceptedKeys: [c.key]))
        defer { server.stop() }
        server.setDefaultFault(MockFault(status: 400, headers: c.headers(c.key), body: c.body(c.key)))
        let env = E2E.environment(c.environment(server))
        let plain = try await E2E.run(["ask", "--retries", "0", "-m", c.model, "hi"], env)
        #expect(plain.status != 0)
        #expect(!plain.stderr.contains(c.key), "stderr: \(plain.stderr)")
        let json = try await E2E.run(["ask", "--json", "--retries", "0", "-m", c.model, "hi"], env)
        #expect(!json.stdout.contains(c.key) && !json.stderr.contains(c.key), "json: \(json.stdout)")
        #expect(json.stdout.contains("<redacted>") || json.stderr.contains("<redacted>"), "json: \(json.stdout) \(json.stderr)")
        let log = try await E2E.run(["log", "--json"], env)
        #expect(!log.stdout.contains(c.key))
    }
}
