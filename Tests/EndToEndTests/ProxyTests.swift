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
        env["OPENAI_BASE_URL"] = "http://127.0.0.1:\(Self.closedPort())/v1"
        let result = try await CLIRunner.run(["ask", "--retries", "0", "-m", "openai:gpt-4o-mini", "hi"], environment: env)
        #expect(result.status == 6, "stderr: \(result.stderr)")
        #expect(proxy.recordedRequests.isEmpty, "NO_PROXY: the proxy saw nothing")
        #expect(!result.stderr.contains(Self.key))
    }

    /// A loopback port that was free a moment ago (bound, read, closed).
    static func closedPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
