import Foundation
import MockProviders
import Testing

/// On a real terminal a model's reasoning streams above the answer (dim), and `--hide-reasoning`
/// leaves it out.
@Suite("reasoning on a terminal", .serialized, .enabled(if: TmuxREPL.isAvailable, "needs tmux"))
struct ReasoningTerminalTests {
    @Test func reasoningIsShownAboveTheAnswerUnlessHidden() async throws {
        var configuration = MockConfiguration()
        configuration.reasoningText = "Weighing the options slowly."
        let server = try MockServer(configuration: configuration)
        try server.start()
        defer { server.stop() }
        let env = ["OPENAI_BASE_URL": server.baseURL + "/v1", "OPENAI_API_KEY": "sk-test"]
        let pane = try await TmuxREPL(home: TmuxREPL.makeHome(), environment: env,
                                      arguments: ["ask", "-m", "openai:gpt-4o-mini", "hi"])
        let screen = try await pane.wait(for: "EXIT=0", timeout: 20)
        let reasoning = try #require(screen.range(of: "Weighing the options slowly."), "\(screen)")
        let answer = try #require(screen.range(of: "Answer after reasoning."), "\(screen)")
        #expect(reasoning.lowerBound < answer.lowerBound)
        let hidden = try await TmuxREPL(home: TmuxREPL.makeHome(), environment: env,
                                        arguments: ["ask", "--hide-reasoning", "-m", "openai:gpt-4o-mini", "hi"])
        let quiet = try await hidden.wait(for: "EXIT=0", timeout: 20)
        #expect(quiet.contains("Answer after reasoning."))
        #expect(!quiet.contains("Weighing"))
    }
}
