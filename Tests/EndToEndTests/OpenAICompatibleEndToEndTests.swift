import Foundation
import MockProviders
import Testing

/// Named OpenAI-compatible rows (`groq:`, `ollama-openai:`, `vllm:` …) against the mock's `/v1` API,
/// each with its own base-URL and key variables from the vendor table.
@Suite(.serialized)
struct OpenAICompatibleEndToEndTests {
    static let groqKey = "gsk_e2e_groq_0123456789abcdef"

    static func groqEnvironment(_ server: MockServer, key: String = groqKey) -> [String: String] {
        E2E.environment(["GROQ_API_KEY": key, "GROQ_BASE_URL": server.baseURL + "/v1"])
    }

    @Test func groqStreamsWithItsOwnKeyVariable() async throws {
        let server = try E2E.start(.init(replyText: "Groq is fast."))
        defer { server.stop() }
        let result = try await E2E.run(["ask", "-m", "groq:llama-3.1-8b-instant", "hi"], Self.groqEnvironment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "Groq is fast.\n")
        #expect(result.stderr.isEmpty, "stderr: \(result.stderr)")
        let request = try E2E.onlyRequest(server)
        #expect(request.path == "/v1/chat/completions")
        #expect(request.header("authorization") == "Bearer \(Self.groqKey)")
        #expect(try E2E.body(request)["model"] as? String == "llama-3.1-8b-instant")
    }

    @Test func groqJSONHasUsageAndFinishReason() async throws {
        let server = try E2E.start(.init(tokens: 5))
        defer { server.stop() }
        let result = try await E2E.run(["ask", "--json", "-m", "groq:llama-3.1-8b-instant", "say hi"],
                                 Self.groqEnvironment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try E2E.object(result.stdout)
        #expect(object["provider"] as? String == "groq")
        #expect(object["finish_reason"] as? String == "stop")
        let usage = try E2E.usage(object)
        #expect(usage.input == E2E.words("say hi"))
        #expect(usage.output == 5)
        #expect(usage.total == E2E.words("say hi") + 5)
    }

    @Test func groqRejectedKeyNamesGroqAPIKey() async throws {
        let server = try E2E.start(.init(acceptedKeys: ["gsk_the_right_one"]))
        defer { server.stop() }
        let result = try await E2E.run(["ask", "--retries", "0", "-m", "groq:llama-3.1-8b-instant", "hi"],
                                 Self.groqEnvironment(server))
        E2E.expectOneLineError(result, status: 4, naming: "GROQ_API_KEY", secrets: [Self.groqKey, "0123456789abcdef"])
    }

    @Test func groqMidStreamErrorKeepsThePartialText() async throws {
        let server = try E2E.start(.init(tokens: 20))
        defer { server.stop() }
        server.enqueueFaults([MockFault(midStreamErrorAfter: 6)])
        let result = try await E2E.run(["ask", "--retries", "0", "-m", "groq:llama-3.1-8b-instant", "tell me"],
                                 Self.groqEnvironment(server))
        E2E.expectPartialKept(result, before: "token2")
        #expect(result.stdout == "Mock reply to: tell me. token1 \n")
        // The error names the endpoint the user picked, not the protocol it speaks.
        #expect(result.stderr.contains("llmctl: error: groq "), "\(result.stderr)")
        #expect(!result.stderr.contains("openai"), "\(result.stderr)")
    }

    @Test func ollamaThroughTheOpenAICompatiblePathNeedsNoKey() async throws {
        let server = try E2E.start(.init(replyText: "ollama via v1", allowMissingKey: true))
        defer { server.stop() }
        let env = E2E.environment(["OLLAMA_OPENAI_BASE_URL": server.baseURL + "/v1"])
        let result = try await E2E.run(["ask", "--json", "-m", "ollama-openai:llama3.2", "hi"], env)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try E2E.object(result.stdout)
        #expect(object["text"] as? String == "ollama via v1")
        #expect(object["provider"] as? String == "ollama-openai")
        #expect(object["finish_reason"] as? String == "stop")
        #expect(try E2E.usage(object).output == 3)
        let request = try E2E.onlyRequest(server)
        #expect(request.path == "/v1/chat/completions")
        #expect(request.header("authorization") == nil)
        #expect(try E2E.body(request)["model"] as? String == "llama3.2")
    }

    @Test func vllmSendsItsOptionalKeyWhenSet() async throws {
        let server = try E2E.start(.init(replyText: "vllm here", acceptedKeys: ["vllm-token-0123456789"]))
        defer { server.stop() }
        let env = E2E.environment(["VLLM_BASE_URL": server.baseURL + "/v1", "VLLM_API_KEY": "vllm-token-0123456789"])
        let result = try await E2E.run(["ask", "-m", "vllm:meta-llama/Llama-3.1-8B-Instruct", "hi"], env)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "vllm here\n")
        #expect(try E2E.onlyRequest(server).header("authorization") == "Bearer vllm-token-0123456789")
    }
}
