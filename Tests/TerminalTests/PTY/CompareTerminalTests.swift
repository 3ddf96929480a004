import Foundation
import MockProviders
import Testing

/// `llmctl compare` on a real terminal (tmux): replies merged live under their labels, then the table.
@Suite("compare in a terminal", .serialized, .enabled(if: TmuxREPL.isAvailable, "needs tmux"))
struct CompareTerminalTests {
    @Test func liveLabelledLinesThenTheTable() async throws {
        let (server, env) = try REPLTerminalTests.server(tokens: 8, delay: .milliseconds(5))
        defer { server.stop() }
        let pane = try await TmuxREPL(home: TmuxREPL.makeHome(), environment: env,
                                arguments: ["compare", "-m", "openai:gpt-4o-mini", "-m", "openai:gpt-4.1", "say hi"])
        let screen = try await pane.wait(for: "EXIT=", timeout: 20)
        #expect(screen.contains("EXIT=0"), "\(screen)")
        let lines = screen.split(separator: "\n").map(String.init)
        // Each reply line carries its model's label (padded to the longest), as it streams.
        #expect(lines.contains { $0.hasPrefix("[openai:gpt-4o-mini] Mock reply to: say hi") }, "\(screen)")
        #expect(lines.contains { $0.hasPrefix("[openai:gpt-4.1    ] Mock reply to: say hi") }, "\(screen)")
        #expect(!screen.contains("== openai:"), "blocks are for pipes: \(screen)")
        // The table: a header and one row per model.
        let header = try #require(lines.firstIndex { $0.hasPrefix("model") && $0.contains("ttft") }, "\(screen)")
        #expect(lines[header + 1].hasPrefix("openai:gpt-4o-mini") && lines[header + 1].contains("HTTP/1.1"))
        #expect(lines[header + 2].hasPrefix("openai:gpt-4.1") && lines[header + 2].hasSuffix("-"))
        #expect(server.recordedRequests.count == 2)
    }
}
