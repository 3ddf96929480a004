import LLMCore
import Synchronization

/// The one path from a reply's events to the output: every command that shows a reply (ask, the REPL,
/// compare) writes its text through a renderer, so how replies look is decided here.
///
/// Today it writes the text as it arrives and keeps track of whether the output ends a line; the
/// rendering of reasoning, tool calls and markdown joins it here.
public final class ReplyRenderer: Sendable {
    private struct State {
        var wroteText = false
        var atLineStart = true
    }

    private let write: @Sendable (String) -> Void
    /// On a terminal the model's text cannot drive it (`TerminalText`); a pipe gets its bytes unchanged.
    private let filterControls: Bool
    private let state = Mutex(State())

    /// A renderer that writes the reply to `console`'s stdout.
    public convenience init(console: Console) {
        self.init(filterControls: console.terminal.stdoutIsTTY) { console.out($0) }
    }

    /// A renderer that hands each piece of rendered text to `write` (a compare column, a block buffer);
    /// `filterControls` when that text ends up on a terminal.
    public init(filterControls: Bool, write: @escaping @Sendable (String) -> Void) {
        self.filterControls = filterControls
        self.write = write
    }

    /// Shows one event of the reply; events that are not shown (usage, finish, end) are ignored.
    public func handle(_ event: ChatEvent) {
        if case .text(let piece) = event { text(piece) }
    }

    /// Shows a piece of reply text.
    public func text(_ piece: String) {
        let shown = filterControls ? TerminalText.visible(piece) : piece
        guard !shown.isEmpty else { return }
        state.withLock { s in
            write(shown)
            s.wroteText = true
            s.atLineStart = shown.hasSuffix("\n")
        }
    }

    /// Ends the reply on a line of its own (nothing when no text was shown or it already ends one).
    public func finish() {
        state.withLock { s in
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
