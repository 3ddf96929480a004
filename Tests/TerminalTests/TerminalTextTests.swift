import Testing
@testable import Terminal

/// A model's text cannot drive the terminal: controls become visible, newline and tab stay.
@Suite struct TerminalTextTests {
    @Test func escapeSequencesBecomeText() {
        #expect(TerminalText.visible("a\u{1B}[2Jb") == "a␛[2Jb")
        #expect(TerminalText.visible("\u{1B}]0;TITLE\u{07}") == "␛]0;TITLE␇")
        #expect(TerminalText.visible("\u{1B}]52;c;aGk=\u{07}") == "␛]52;c;aGk=␇")
        #expect(TerminalText.visible("x\u{9B}2J") == "x\u{FFFD}2J", "C1 CSI")
        #expect(TerminalText.visible("del\u{7F}") == "del␡")
        #expect(TerminalText.visible("over\rwrite") == "overwrite", "a carriage return cannot hide what was shown")
        #expect(TerminalText.visible("line\n\tindented é ☃") == "line\n\tindented é ☃")
    }

    @Test func rendererFiltersOnATerminalOnly() {
        let tty = CapturingSink(), pipe = CapturingSink()
        ReplyRenderer(console: Console(sink: tty, terminal: TerminalCapabilities(stdoutIsTTY: true))).text("\u{1B}[2Jhi")
        ReplyRenderer(console: Console(sink: pipe, terminal: TerminalCapabilities(stdoutIsTTY: false))).text("\u{1B}[2Jhi")
        #expect(tty.stdout == "␛[2Jhi")
        #expect(pipe.stdout == "\u{1B}[2Jhi", "a pipe gets the model's bytes unchanged")
    }
}
