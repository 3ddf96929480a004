import TestChildProcess
import Foundation
import MockProviders
import Testing

/// A reply that tries to drive the terminal (clear the screen, retitle the window, write the
/// clipboard) shows its escape sequences as text on a real terminal, and changes nothing.
@Suite("escape sequences from a model", .serialized, .enabled(if: TmuxREPL.isAvailable, "needs tmux"))
struct EscapeInjectionTerminalTests {
    static let hostile = "before \u{1B}]0;PWNED\u{07}\u{1B}]52;c;cHduZWQ=\u{07}\u{1B}[2J\u{1B}[H after"

    @Test func askOnATerminalShowsTheSequencesAsText() async throws {
        let server = try MockServer(configuration: MockConfiguration(replyText: Self.hostile))
        try server.start()
        defer { server.stop() }
        let env = ["OPENAI_BASE_URL": server.baseURL + "/v1", "OPENAI_API_KEY": "sk-test"]
        let pane = try await TmuxREPL(home: TmuxREPL.makeHome(), environment: env,
                                arguments: ["ask", "-m", "openai:gpt-4o-mini", "hi"])
        let titleBefore = try await pane.title()
        let done = try await pane.wait(for: "EXIT=0", timeout: 20)
        #expect(done.contains("before ␛]0;PWNED␇␛]52;c;cHduZWQ=␇␛[2J␛[H after"), "\(done)")
        let titleAfter = try await pane.title()
        #expect(titleAfter == titleBefore, "the window title is unchanged")
        #expect(titleAfter != "PWNED")
    }

    @Test func theSameReplyInAPipeIsByteForByte() async throws {
        let server = try MockServer(configuration: MockConfiguration(replyText: Self.hostile))
        try server.start()
        defer { server.stop() }
        let env = ["OPENAI_BASE_URL": server.baseURL + "/v1", "OPENAI_API_KEY": "sk-test", "HOME": TmuxREPL.makeHome(),
                   "PATH": "/usr/bin:/bin"]
        let output = try await TestChild.run(path: TmuxREPL.binary, arguments: ["ask", "-m", "openai:gpt-4o-mini", "hi"],
                                             environment: env, timeout: 30)
        #expect(output.status == 0, "\(output.stderrText)")
        #expect(output.stdoutText == Self.hostile + "\n")
    }
}
