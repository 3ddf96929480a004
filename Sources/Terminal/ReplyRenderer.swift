import LLMCore
import Synchronization

/// The one path from a reply's events to the output: every command that shows a reply (ask, the REPL,
/// compare) writes it through a renderer, so how replies look is decided here.
///
/// Reasoning streams before the answer, dim on a terminal; tool calls are one line each; the answer
/// text is written as it arrives. The renderer keeps track of whether the output ends a line.
public final class ReplyRenderer: Sendable {
    private struct State {
        var wroteText = false
        var atLineStart = true
        /// Reasoning is being shown and the answer has not started yet.
        var inReasoning = false
        var reasoningAtLineStart = true
    }

    /// Where reasoning text goes, and whether it is dimmed.
    public struct ReasoningSink: Sendable {
        var write: @Sendable (String) -> Void
        var dim: Bool
        /// True when reasoning shares the answer's stream (a blank line then separates them).
        var sameStream: Bool
    }

    private let write: @Sendable (String) -> Void
    /// On a terminal the model's text cannot drive it (`TerminalText`); a pipe gets its bytes unchanged.
    private let filterControls: Bool
    private let reasoning: ReasoningSink?
    /// Where tool-call lines go, and whether they are dimmed.
    private let toolLines: ReasoningSink?
    private let state = Mutex(State())

    /// A renderer that writes the reply to `console`'s stdout; reasoning as `display` says.
    public convenience init(console: Console, reasoning display: ReasoningDisplay = .auto) {
        let terminal = console.terminal
        let out: @Sendable (String) -> Void = { console.out($0) }
        let err: @Sendable (String) -> Void = { console.err($0) }
        var reasoning: ReasoningSink?
        switch (display, terminal.stdoutIsTTY) {
        case (.hide, _), (.auto, false): reasoning = nil
        case (_, true): reasoning = ReasoningSink(write: out, dim: terminal.stdoutColor, sameStream: true)
        case (.show, false): reasoning = ReasoningSink(write: err, dim: terminal.stderrColor, sameStream: false)
        }
        // Tool calls are part of the conversation on a terminal; in a pipe they are diagnostics.
        let tools = terminal.stdoutIsTTY ? ReasoningSink(write: out, dim: terminal.stdoutColor, sameStream: true)
            : ReasoningSink(write: err, dim: terminal.stderrColor, sameStream: false)
        self.init(filterControls: terminal.stdoutIsTTY, reasoning: reasoning, toolLines: tools, write: out)
    }

    /// A renderer that hands each piece of rendered text to `write` (a compare column, a block buffer);
    /// `filterControls` when that text ends up on a terminal. Reasoning is not shown.
    public convenience init(filterControls: Bool, write: @escaping @Sendable (String) -> Void) {
        self.init(filterControls: filterControls, reasoning: nil, toolLines: nil, write: write)
    }

    init(filterControls: Bool, reasoning: ReasoningSink?, toolLines: ReasoningSink?, write: @escaping @Sendable (String) -> Void) {
        self.filterControls = filterControls
        self.reasoning = reasoning
        self.toolLines = toolLines
        self.write = write
    }

    /// Shows one event of the reply; events that are not shown (usage, finish, signatures) are ignored.
    public func handle(_ event: ChatEvent) {
        switch event {
        case .text(let piece): text(piece)
        case .reasoning(let piece): reasoningText(piece)
        default: break
        }
    }

    /// Shows a piece of reply text.
    public func text(_ piece: String) {
        let shown = filterControls ? TerminalText.visible(piece) : piece
        guard !shown.isEmpty else { return }
        state.withLock { s in
            endReasoning(&s)
            write(shown)
            s.wroteText = true
            s.atLineStart = shown.hasSuffix("\n")
        }
    }

    /// Shows a piece of reasoning (dim, before the answer), when reasoning is shown at all.
    public func reasoningText(_ piece: String) {
        guard let reasoning else { return }
        let shown = filterControls || reasoning.dim ? TerminalText.visible(piece) : piece
        guard !shown.isEmpty else { return }
        state.withLock { s in
            if !s.inReasoning {
                // Reasoning after some answer text (interleaved thinking) starts on its own line.
                if reasoning.sameStream, s.wroteText, !s.atLineStart { write("\n") }
                s.inReasoning = true
                s.reasoningAtLineStart = true
            }
            reasoning.write(reasoning.dim ? "\u{1B}[2m" + shown + "\u{1B}[22m" : shown)
            s.reasoningAtLineStart = shown.hasSuffix("\n")
            if reasoning.sameStream { s.wroteText = true; s.atLineStart = s.reasoningAtLineStart }
        }
    }

    /// A line about a tool call or its result (`→ get_weather {"city":"Paris"}`), on a line of its own.
    public func toolLine(_ line: String) {
        guard let toolLines else { return }
        let shown = TerminalText.visible(line)
        state.withLock { s in
            endReasoning(&s)
            if toolLines.sameStream, s.wroteText, !s.atLineStart { write("\n") }
            toolLines.write((toolLines.dim ? "\u{1B}[2m" + shown + "\u{1B}[22m" : shown) + "\n")
            if toolLines.sameStream { s.wroteText = true; s.atLineStart = true }
        }
    }

    /// Closes a reasoning block before the answer: a blank line when they share a stream.
    private func endReasoning(_ s: inout State) {
        guard s.inReasoning, let reasoning else { return }
        s.inReasoning = false
        if reasoning.sameStream {
            write(s.reasoningAtLineStart ? "\n" : "\n\n")
            s.atLineStart = true
        } else if !s.reasoningAtLineStart {
            reasoning.write("\n")
        }
    }

    /// Ends the reply on a line of its own (nothing when no text was shown or it already ends one).
    public func finish() {
        state.withLock { s in
            if s.inReasoning, let reasoning, !reasoning.sameStream, !s.reasoningAtLineStart { reasoning.write("\n") }
            s.inReasoning = false
            guard s.wroteText, !s.atLineStart else { return }
            write("\n")
            s.atLineStart = true
        }
    }

    /// True once some text was shown.
    public var wroteText: Bool { state.withLock { $0.wroteText } }
    /// True when the output is at the start of a line.
    public var atLineStart: Bool { state.withLock { $0.atLineStart } }
}
