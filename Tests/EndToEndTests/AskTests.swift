import Foundation
import MockProviders
import Testing

/// The built `llmctl ask` binary against MockProviders over real loopback HTTP.
@Suite(.serialized)
struct AskTests {
    static let key = "sk-test-0123456789abcdef"

    static func openAIEnvironment(_ server: MockServer, key: String = key) -> [String: String] {
        MockFixture.openAIEnvironment(server, key: key)
    }

    static func startServer(_ configuration: MockConfiguration = .init()) throws -> MockServer {
        try MockFixture.start(configuration)
    }

    @Test func streamsOnlyTheReplyToStdout() async throws {
        let server = try Self.startServer(.init(replyText: "Keep-alive reuses one TCP connection."))
        defer { server.stop() }
        let result = try await CLIRunner.run(["ask", "-m", "openai:gpt-4o-mini", "Explain keep-alive"],
                                       environment: Self.openAIEnvironment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "Keep-alive reuses one TCP connection.\n")
        #expect(!result.stderr.contains(Self.key))
        let request = try #require(server.recordedRequests.last)
        #expect(request.path == "/v1/chat/completions")
        #expect(request.header("Authorization") == "Bearer \(Self.key)")
        #expect(request.header("User-Agent")?.hasPrefix("llmctl/") == true, "\(request.headers)")
        #expect(request.bodyText.contains("\"include_usage\":true"))
    }

    @Test func stdinIsContextAndArgumentsTheInstruction() async throws {
        let server = try Self.startServer()
        defer { server.stop() }
        let result = try await CLIRunner.run(["ask", "-m", "openai:gpt-4o-mini", "write a commit message"],
                                       environment: Self.openAIEnvironment(server), stdin: "diff --git a/x b/x\n+hello\n")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let body = try JSONSerialization.jsonObject(with: Data(try #require(server.recordedRequests.last).body)) as? [String: Any]
        let messages = try #require(body?["messages"] as? [[String: Any]])
        let content = try #require(messages.last?["content"] as? String)
        #expect(content == "write a commit message\n\ndiff --git a/x b/x\n+hello")
    }

    @Test func jsonHasEveryField() async throws {
        let server = try Self.startServer(.init(tokens: 7))
        defer { server.stop() }
        let result = try await CLIRunner.run(["ask", "--json", "-m", "openai:gpt-4o-mini", "hi"],
                                       environment: Self.openAIEnvironment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((object["text"] as? String)?.isEmpty == false)
        #expect(object["provider"] as? String == "openai")
        #expect(object["model"] as? String == "openai:gpt-4o-mini")
        #expect(object["finish_reason"] as? String == "stop")
        let usage = try #require(object["usage"] as? [String: Any])
        #expect(usage["output_tokens"] as? Int == 7)
        #expect((usage["input_tokens"] as? Int ?? 0) > 0)
        #expect((usage["total_tokens"] as? Int ?? 0) > 7)
        let timing = try #require(object["timing"] as? [String: Any])
        let ttft = try #require(timing["ttft_ms"] as? Double)
        let total = try #require(timing["total_ms"] as? Double)
        #expect(ttft > 0 && ttft <= total && total < 10_000)
        #expect(timing["tokens_per_s"] as? Double != nil)
        let connection = try #require(object["connection"] as? [String: Any])
        #expect(connection["reused"] as? Bool == false)
        #expect(connection["http_version"] as? String == "1.1")
        for field in ["dns_ms", "connect_ms", "tls_ms"] { #expect(connection[field] as? Double != nil, "\(field)") }
    }

    @Test func droppedConnectionKeepsPartialTextAndFails() async throws {
        let server = try Self.startServer(.init(tokens: 20))
        defer { server.stop() }
        server.enqueueFaults([MockFault(dropAfterTokens: 5)])
        let result = try await CLIRunner.run(["ask", "-m", "openai:gpt-4o-mini", "tell me"],
                                       environment: Self.openAIEnvironment(server))
        #expect(result.status != 0)
        #expect(result.stdout.hasPrefix("Mock reply"), "stdout: \(result.stdout)")
        #expect(!result.stdout.contains("token20"))
        #expect(result.stderr.contains("error"))
    }

    /// A reply cut after it started did use a connection: `--json` says which, and counts the tokens shown.
    @Test func droppedConnectionStillReportsItsConnection() async throws {
        let server = try Self.startServer(.init(tokens: 20))
        defer { server.stop() }
        server.enqueueFaults([MockFault(dropAfterTokens: 5)])
        let result = try await CLIRunner.run(["ask", "--json", "--retries", "0", "-m", "openai:gpt-4o-mini", "tell me"],
                                       environment: Self.openAIEnvironment(server))
        #expect(result.status != 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let connection = try #require(object["connection"] as? [String: Any], "connection is null: \(result.stdout)")
        #expect(connection["reused"] as? Bool == false)
        let attempts = try #require(object["attempts"] as? [[String: Any]])
        #expect(attempts.first?["reused_connection"] as? Bool == false)
        #expect((object["text"] as? String)?.hasPrefix("Mock reply") == true)
    }

    @Test func midStreamErrorKeepsPartialText() async throws {
        let server = try Self.startServer(.init(tokens: 20))
        defer { server.stop() }
        server.enqueueFaults([MockFault(midStreamErrorAfter: 3)])
        let result = try await CLIRunner.run(["ask", "-m", "openai:gpt-4o-mini", "tell me"],
                                       environment: Self.openAIEnvironment(server))
        #expect(result.status == 5)
        #expect(!result.stdout.isEmpty)
        #expect(result.stderr.contains("llmctl: error:"))
    }

    @Test func noStreamReturnsTheWholeReply() async throws {
        let server = try Self.startServer(.init(replyText: "one two three"))
        defer { server.stop() }
        let result = try await CLIRunner.run(["ask", "--no-stream", "-m", "openai:gpt-4o-mini", "count"],
                                       environment: Self.openAIEnvironment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "one two three\n")
        #expect(server.recordedRequests.last?.bodyText.contains("\"stream\":false") == true
                || server.recordedRequests.last?.bodyText.contains("\"stream\"") == false)
    }

    @Test func azureClassicAndV1Paths() async throws {
        let server = try Self.startServer(.init(replyText: "azure says hi"))
        defer { server.stop() }
        var env = CLIRunner.baseEnvironment()
        env["AZURE_OPENAI_API_KEY"] = "azure-key-123456"
        env["AZURE_OPENAI_ENDPOINT"] = server.baseURL
        env["OPENAI_API_VERSION"] = "2024-10-21"
        let classic = try await CLIRunner.run(["ask", "-m", "azure:my-deployment", "hi"], environment: env)
        #expect(classic.status == 0, "stderr: \(classic.stderr)")
        #expect(classic.stdout == "azure says hi\n")
        let first = try #require(server.recordedRequests.last)
        #expect(first.target == "/openai/deployments/my-deployment/chat/completions?api-version=2024-10-21")
        #expect(first.header("api-key") == "azure-key-123456")

        env["AZURE_OPENAI_ENDPOINT"] = server.baseURL + "/openai/v1"
        let v1 = try await CLIRunner.run(["ask", "-m", "azure:my-deployment", "hi"], environment: env)
        #expect(v1.status == 0, "stderr: \(v1.stderr)")
        #expect(v1.stdout == "azure says hi\n")
        let second = try #require(server.recordedRequests.last)
        #expect(second.path == "/openai/v1/chat/completions")
        #expect(second.bodyText.contains("my-deployment"))
    }

    @Test func badFlagIsAUsageError() async throws {
        let result = try await CLIRunner.run(["ask", "--temperature", "7", "hi"], environment: CLIRunner.baseEnvironment())
        #expect(result.status == 2)
        // One line, naming the command whose help explains the option.
        #expect(result.stderr == "llmctl: error: --temperature must be between 0 and 2 (got 7.0); see 'llmctl ask --help'\n")
        let unknown = try await CLIRunner.run(["batch", "--quixotic", "in.jsonl"], environment: CLIRunner.baseEnvironment())
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "llmctl: error: unknown option '--quixotic'; see 'llmctl batch --help'\n")
    }

    @Test func offlineFallbackWithoutCredentials() async throws {
        let result = try await CLIRunner.run(["ask", "--json", "hello"], environment: CLIRunner.baseEnvironment())
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("offline model"))
        #expect(result.stderr.contains("OPENAI_API_KEY"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["provider"] as? String == "offline")
        #expect((object["text"] as? String)?.isEmpty == false)
    }

    /// `llmctl "prompt"` answers like `ask` (as aichat, llm and `ollama run` do); a near-miss of a command
    /// and an unknown help topic are usage errors, never silently a prompt.
    @Test func barePromptNearMissAndHelpTopic() async throws {
        let bare = try await CLIRunner.run(["what is 2+2"], environment: CLIRunner.baseEnvironment())
        #expect(bare.status == 0, "stderr: \(bare.stderr)")
        #expect(bare.stdout.contains("what is 2+2"), "the offline model echoes the prompt: \(bare.stdout)")
        let json = try await CLIRunner.run(["--json", "hi"], environment: CLIRunner.baseEnvironment())
        #expect(json.status == 0 && json.stdout.hasPrefix("{"), "stderr: \(json.stderr)")
        let typo = try await CLIRunner.run(["aks", "hi"], environment: CLIRunner.baseEnvironment())
        #expect(typo.status == 2)
        #expect(typo.stderr == "llmctl: error: unknown command 'aks'; did you mean 'ask'? (to send it as a prompt: llmctl ask aks)\n")
        let help = try await CLIRunner.run(["help", "foo"], environment: CLIRunner.baseEnvironment())
        #expect(help.status == 2)
        #expect(help.stderr.hasPrefix("llmctl: error: no help topic 'foo'"))
    }
}
