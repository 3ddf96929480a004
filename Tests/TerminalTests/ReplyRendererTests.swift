import LLMCore
import Terminal
import Testing

/// Where reasoning and tool-call lines go: dim above the answer on a terminal, out of stdout in a pipe.
struct ReplyRendererTests {
    func render(_ events: [ChatEvent], terminal: TerminalCapabilities, display: ReasoningDisplay = .auto,
                toolLine: String? = nil) -> (out: String, err: String) {
        let sink = CapturingSink()
        let renderer = ReplyRenderer(console: Console(sink: sink, terminal: terminal), reasoning: display)
        for event in events { renderer.handle(event) }
        if let toolLine { renderer.toolLine(toolLine) }
        renderer.finish()
        return (sink.stdout, sink.stderr)
    }

    static let tty = TerminalCapabilities(stdinIsTTY: true, stdoutIsTTY: true, stderrIsTTY: true, stdoutColor: true, stderrColor: true)
    static let pipe = TerminalCapabilities()
    let events: [ChatEvent] = [.reasoning("Let me think"), .reasoning("."), .text("Answer.")]

    @Test func terminalShowsReasoningDimAboveTheAnswer() {
        let shown = render(events, terminal: Self.tty)
        #expect(shown.out == "\u{1B}[2mLet me think\u{1B}[22m\u{1B}[2m.\u{1B}[22m\n\nAnswer.\n")
        #expect(render(events, terminal: Self.tty, display: .hide).out == "Answer.\n")
    }

    @Test func pipeCarriesOnlyTheAnswerUnlessAskedToShowIt() {
        #expect(render(events, terminal: Self.pipe) == ("Answer.\n", ""))
        #expect(render(events, terminal: Self.pipe, display: .show) == ("Answer.\n", "Let me think.\n"))
    }

    @Test func toolLinesStartOnTheirOwnLine() {
        #expect(render([.text("Checking")], terminal: Self.pipe, toolLine: "→ get_weather {}") == ("Checking\n", "→ get_weather {}\n"))
        let tty = render([.text("Checking")], terminal: TerminalCapabilities(stdoutIsTTY: true), toolLine: "→ get_weather {}")
        #expect(tty.out == "Checking\n→ get_weather {}\n")
    }

    @Test func reasoningCannotDriveTheTerminal() {
        let shown = render([.reasoning("\u{1B}]0;pwned\u{07}hmm")], terminal: Self.tty, display: .show)
        #expect(!shown.out.contains("\u{1B}]0;"))
    }

    @Test func toolCallLinesAreOneLineAndCut() {
        #expect(ToolCallLine.call(ToolCall(id: "1", name: "f", arguments: "{\"a\":\n1}")) == "→ f {\"a\": ⏎ 1}")
        #expect(ToolCallLine.result(ToolResult(callID: "1", name: "f", content: "", isError: true)) == "← f failed: (no output)")
        #expect(ToolCallLine.result(ToolResult(callID: "1", name: "f", content: String(repeating: "x", count: 500))).count == 160)
    }
}
