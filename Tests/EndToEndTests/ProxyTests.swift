import Foundation
import MockProviders
import Testing

/// Proxy variables reach libcurl: the mock server doubles as a forward proxy (it accepts the
/// absolute-form targets a client sends to a proxy), and the provider's host does not even resolve.
@Suite(.serialized)
struct ProxyTests {
    static let key = "sk-test-proxy-0123456789"
    static let host = "api.llmctl-proxy-test.invalid"

    static func environment(proxy server: MockServer, _ extra: [String: String]) -> [String: String] {
        var env = CLIRunner.baseEnvironment()
        env["OPENAI_API_KEY"] = key
        env["OPENAI_BASE_URL"] = "http://\(host)/v1"
        return env.merging(extra) { _, new in new }
    }

    @Test(arguments: ["http_proxy", "ALL_PROXY"])
    func requestsGoThroughTheProxy(variable: String) async throws {
        let proxy = try MockFixture.start(.init(replyText: "via the proxy"))
        defer { proxy.stop() }
        let env = Self.environment(proxy: proxy, [variable: proxy.baseURL])
        let result = try await CLIRunner.run(["ask", "--retries", "0", "-m", "openai:gpt-4o-mini", "hi"], environment: env)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "via the proxy\n")
        let request = try #require(proxy.recordedRequests.last)
        #expect(request.proxiedAuthority == Self.host, "the proxy was asked for the provider's host")
        #expect(request.path == "/v1/chat/completions")
        #expect(request.header("Authorization") == "Bearer \(Self.key)")
    }

    @Test func noProxyBypassesIt() async throws {
        let proxy = try MockFixture.start(.init(replyText: "via the proxy"))
        defer { proxy.stop() }
        // Straight to a local port nobody listens on: refused at once, whatever DNS is like here.
        var env = Self.environment(proxy: proxy, ["http_proxy": proxy.baseURL, "NO_PROXY": "127.0.0.1"])
        env["OPENAI_BASE_URL"] = "http://127.0.0.1:\(LoopbackPort.unused())/v1"
        let result = try await CLIRunner.run(["ask", "--retries", "0", "-m", "openai:gpt-4o-mini", "hi"], environment: env)
        #expect(result.status == 6, "stderr: \(result.stderr)")
        #expect(proxy.recordedRequests.isEmpty, "NO_PROXY: the proxy saw nothing")
        #expect(!result.stderr.contains(Self.key))
    }
}
