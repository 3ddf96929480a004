import Foundation
import MockProviders
import Testing

/// On a real terminal a model's reasoning streams above the answer (dim), and `--hide-reasoning`
/// leaves it out — for each provider's own reasoning stream.
@Suite("reasoning on a terminal", .serialized, .enabled(if: TmuxREPL.isAvailable, "needs tmux"))
struct ReasoningTerminalTests {
    /// Each provider's model and the environment pointing it at the mock.
    static func providers(_ server: MockServer) -> [(model: String, env: [String: String])] {
        [("openai:gpt-4o-mini", ["OPENAI_BASE_URL": server.baseURL + "/v1", "OPENAI_API_KEY": "sk-test"]),
         ("azure:gpt-4o-deploy", ["AZURE_OPENAI_API_KEY": "azure-test", "AZURE_OPENAI_ENDPOINT": server.baseURL,
                                  "OPENAI_API_VERSION": "2024-10-21"]),
         ("anthropic:claude-sonnet-4-5", ["ANTHROPIC_API_KEY": "sk-ant-test", "ANTHROPIC_BASE_URL": server.baseURL]),
         ("gemini:gemini-2.5-flash", ["GEMINI_API_KEY": "gem-test", "GOOGLE_GEMINI_BASE_URL": server.baseURL]),
         ("bedrock:anthropic.claude-3-7-sonnet-20250219-v1:0",
          ["AWS_ACCESS_KEY_ID": MockConfiguration.exampleAccessKeyID, "AWS_SECRET_ACCESS_KEY": MockConfiguration.exampleSecretAccessKey,
           "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": server.baseURL]),
         ("ollama:qwen3", ["OLLAMA_HOST": server.baseURL])]
    }

    @Test func reasoningIsShownAboveTheAnswerUnlessHidden() async throws {
        var configuration = MockConfiguration()
        configuration.reasoningText = "Weighing the options slowly."
        let server = try MockServer(configuration: configuration)
        try server.start()
        defer { server.stop() }
        for (model, env) in Self.providers(server) {
            let pane = try await TmuxREPL(home: TmuxREPL.makeHome(), environment: env,
                                          arguments: ["ask", "--reasoning", "medium", "-m", model, "hi"])
            let screen = try await pane.wait(for: "EXIT=0", timeout: 20)
            let reasoning = try #require(screen.range(of: "Weighing the options slowly."), "\(model): \(screen)")
            let answer = try #require(screen.range(of: "Answer after reasoning."), "\(model): \(screen)")
            #expect(reasoning.lowerBound < answer.lowerBound, "\(model)")
            let hidden = try await TmuxREPL(home: TmuxREPL.makeHome(), environment: env,
                                            arguments: ["ask", "--reasoning", "medium", "--hide-reasoning", "-m", model, "hi"])
            let quiet = try await hidden.wait(for: "EXIT=0", timeout: 20)
            #expect(quiet.contains("Answer after reasoning."), "\(model): \(quiet)")
            #expect(!quiet.contains("Weighing"), "\(model)")
        }
    }
}
