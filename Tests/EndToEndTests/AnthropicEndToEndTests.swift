import Foundation
import MockProviders
import Testing

/// `llmctl ask -m anthropic:…` against the mock's Anthropic Messages API (providers.md §4).
@Suite(.serialized)
struct AnthropicEndToEndTests {
    static let key = "sk-ant-e2e-0123456789abcdef"
    static let model = "anthropic:claude-haiku-4-5"

    static func environment(_ server: MockServer, key: String = key) -> [String: String] {
        E2E.environment(["ANTHROPIC_API_KEY": key, "ANTHROPIC_BASE_URL": server.baseURL])
    }

    @Test func streamsTheReplyWithVersionHeaderMaxTokensAndTopLevelSystem() async throws {
        let server = try E2E.start(.init(replyText: "Claude streams named events."))
        defer { server.stop() }
        let result = try await E2E.run(["ask", "-m", Self.model, "--system", "Be terse.", "Say something"],
                                 Self.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "Claude streams named events.\n")
        #expect(result.stderr.isEmpty, "stderr: \(result.stderr)")

        let request = try E2E.onlyRequest(server)
        #expect(request.path == "/v1/messages")
        #expect(request.header("anthropic-version") == "2023-06-01")
        #expect(request.header("x-api-key") == Self.key)
        #expect(request.header("authorization") == nil)
        let body = try E2E.body(request)
        #expect(body["model"] as? String == "claude-haiku-4-5")
        #expect(body["stream"] as? Bool == true)
        #expect(body["max_tokens"] as? Int == 4096, "a default max_tokens is always sent")
        #expect(body["system"] as? String == "Be terse.")
        let messages = try #require(body["messages"] as? [[String: Any]])
        #expect(messages.count == 1)
        #expect(messages.allSatisfy { $0["role"] as? String == "user" }, "no system role in messages")
        #expect(messages.first?["content"] as? String == "Say something")
    }

    @Test func maxTokensFlagOverridesTheDefault() async throws {
        let server = try E2E.start(.init(tokens: 10))
        defer { server.stop() }
        let result = try await E2E.run(["ask", "--json", "--max-tokens", "5", "-m", Self.model, "hi"], Self.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(try E2E.body(E2E.onlyRequest(server))["max_tokens"] as? Int == 5)
        let object = try E2E.object(result.stdout)
        #expect(object["finish_reason"] as? String == "max_tokens")
        #expect(result.stderr.contains("token limit"), "stderr: \(result.stderr)")
    }

    @Test func jsonHasUsageFromMessageStartAndMessageDelta() async throws {
        let server = try E2E.start(.init(tokens: 7))
        defer { server.stop() }
        let result = try await E2E.run(["ask", "--json", "-m", Self.model, "-s", "You are brief.", "count to three"],
                                 Self.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try E2E.object(result.stdout)
        #expect(object["provider"] as? String == "anthropic")
        #expect(object["model"] as? String == "anthropic:claude-haiku-4-5")
        #expect(object["finish_reason"] as? String == "end_turn")
        #expect(object["text"] as? String == "Mock reply to: count to three. token1 ")
        // The mock counts prompt words (system included) as input tokens; output_tokens in
        // message_delta is cumulative and replaces message_start's initial 1.
        let input = E2E.words("You are brief.", "count to three")
        let usage = try E2E.usage(object)
        #expect(usage.input == input)
        #expect(usage.output == 7)
        #expect(usage.total == input + 7)
    }

    @Test func overloaded529IsRetriedAfterRetryAfter() async throws {
        let server = try E2E.start(.init(replyText: "second time lucky"))
        defer { server.stop() }
        server.enqueueFaults([.http(529, retryAfter: .seconds(1))])
        let started = Date()
        let result = try await E2E.run(["ask", "-m", Self.model, "hi"], Self.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "second time lucky\n")
        #expect(Date().timeIntervalSince(started) >= 1.0)
        #expect(result.stderr.contains("HTTP 529 from anthropic, retrying in 1.0 s (attempt 2 of 3)"), "stderr: \(result.stderr)")
        #expect(server.recordedRequests.count == 2)
    }

    @Test func bearerTokenFromAnthropicAuthToken() async throws {
        let token = "anthropic-oauth-token-0123456789"
        let server = try E2E.start(.init(replyText: "bearer ok", acceptedKeys: [token]))
        defer { server.stop() }
        let env = E2E.environment(["ANTHROPIC_AUTH_TOKEN": token, "ANTHROPIC_BASE_URL": server.baseURL])
        let result = try await E2E.run(["ask", "-m", Self.model, "hi"], env)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "bearer ok\n")
        let request = try E2E.onlyRequest(server)
        #expect(request.header("authorization") == "Bearer \(token)")
        #expect(request.header("x-api-key") == nil)

        let wrong = try await E2E.run(["ask", "--retries", "0", "-m", Self.model, "hi"],
                                env.merging(["ANTHROPIC_AUTH_TOKEN": "anthropic-oauth-wrong-987654"]) { _, new in new })
        E2E.expectOneLineError(wrong, status: 4, naming: "ANTHROPIC_AUTH_TOKEN", secrets: ["anthropic-oauth-wrong-987654"])
    }

    @Test func rejectedKeyNamesTheVariableAndExitsFour() async throws {
        let server = try E2E.start(.init(acceptedKeys: ["sk-ant-the-right-one"]))
        defer { server.stop() }
        let result = try await E2E.run(["ask", "--retries", "0", "-m", Self.model, "hi"], Self.environment(server))
        E2E.expectOneLineError(result, status: 4, naming: "ANTHROPIC_API_KEY", secrets: [Self.key, "0123456789abcdef"])
        #expect(result.stderr.contains("authentication_error"), "stderr: \(result.stderr)")
    }

    @Test func overloadedErrorEventMidStreamKeepsThePartialText() async throws {
        let server = try E2E.start(.init(tokens: 20))
        defer { server.stop() }
        server.enqueueFaults([MockFault(midStreamErrorAfter: 7)])
        let result = try await E2E.run(["ask", "--retries", "0", "-m", Self.model, "tell me"], Self.environment(server))
        E2E.expectPartialKept(result, before: "token3")
        #expect(result.stdout == "Mock reply to: tell me. token1 token2 \n")
        #expect(result.stderr.contains("overloaded_error"), "stderr: \(result.stderr)")
    }

    @Test func jsonReportsTheMidStreamErrorWithThePartialText() async throws {
        let server = try E2E.start(.init(tokens: 20))
        defer { server.stop() }
        server.enqueueFaults([MockFault(midStreamErrorAfter: 5)])
        let result = try await E2E.run(["ask", "--json", "--retries", "0", "-m", Self.model, "tell me"], Self.environment(server))
        #expect(result.status == 5, "stderr: \(result.stderr)")
        let object = try E2E.object(result.stdout)
        #expect(object["text"] as? String == "Mock reply to: tell me. ")
        let error = try #require(object["error"] as? [String: Any])
        #expect(error["exit_code"] as? Int == 5)
        #expect((error["message"] as? String)?.contains("overloaded") == true)
    }
}
