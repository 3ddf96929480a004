import Foundation
import MockProviders
import Testing

/// `llmctl ask -m ollama:…` against the mock's native Ollama `/api/chat` NDJSON API (providers.md §7),
/// found through `OLLAMA_HOST` written the way Ollama users write it (host:port, no scheme).
@Suite(.serialized)
struct OllamaEndToEndTests {
    static let model = "ollama:llama3.2"

    static func environment(_ server: MockServer) -> [String: String] {
        E2E.environment(["OLLAMA_HOST": "127.0.0.1:\(server.port)"])
    }

    @Test func streamsNDJSONWithTheSystemPromptAsTheFirstMessage() async throws {
        let server = try E2E.start(.init(replyText: "Local models stream NDJSON."))
        defer { server.stop() }
        let result = try await E2E.run(["ask", "-m", Self.model, "--system", "Be terse.", "Say something"],
                                 Self.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "Local models stream NDJSON.\n")
        #expect(result.stderr.isEmpty, "stderr: \(result.stderr)")

        let request = try E2E.onlyRequest(server)
        #expect(request.path == "/api/chat")
        #expect(request.header("authorization") == nil)
        let body = try E2E.body(request)
        #expect(body["model"] as? String == "llama3.2")
        #expect(body["stream"] as? Bool == true)
        let messages = try #require(body["messages"] as? [[String: Any]])
        #expect(messages.map { $0["role"] as? String } == ["system", "user"])
        #expect(messages.first?["content"] as? String == "Be terse.")
    }

    @Test func modelNameWithATagIsSentAsIs() async throws {
        let server = try E2E.start(.init(replyText: "tagged"))
        defer { server.stop() }
        let result = try await E2E.run(["ask", "-m", "ollama:qwen2.5:7b", "hi"], Self.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "tagged\n")
        #expect(try E2E.body(E2E.onlyRequest(server))["model"] as? String == "qwen2.5:7b")
    }

    @Test func jsonHasUsageFromTheDoneObject() async throws {
        let server = try E2E.start(.init(tokens: 6))
        defer { server.stop() }
        let result = try await E2E.run(["ask", "--json", "-m", Self.model, "-s", "Be kind.", "greet me"],
                                 Self.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try E2E.object(result.stdout)
        #expect(object["provider"] as? String == "ollama")
        #expect(object["model"] as? String == "ollama:llama3.2")
        #expect(object["finish_reason"] as? String == "stop")
        #expect(object["text"] as? String == "Mock reply to: greet me. token1 ")
        let input = E2E.words("Be kind.", "greet me")
        let usage = try E2E.usage(object)
        #expect(usage.input == input)
        #expect(usage.output == 6)
        #expect(usage.total == input + 6)
    }

    @Test func missingModelSuggestsOllamaPull() async throws {
        let server = try E2E.start()
        defer { server.stop() }
        let result = try await E2E.run(["ask", "--retries", "0", "-m", "ollama:missing-model", "hi"], Self.environment(server))
        #expect(result.status == 5, "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("ollama pull missing-model"), "stderr: \(result.stderr)")
    }

    @Test func errorLineMidStreamKeepsThePartialText() async throws {
        let server = try E2E.start(.init(tokens: 20))
        defer { server.stop() }
        server.enqueueFaults([MockFault(midStreamErrorAfter: 7)])
        let result = try await E2E.run(["ask", "--retries", "0", "-m", Self.model, "tell me"], Self.environment(server))
        E2E.expectPartialKept(result, before: "token3")
        #expect(result.stdout == "Mock reply to: tell me. token1 token2 \n")
        #expect(result.stderr.contains("unexpected EOF"), "stderr: \(result.stderr)")
    }
}
