import Synchronization
import Foundation

/// How `compare` shows the replies while they stream.
public enum CompareStyle: Sendable, Hashable {
    /// On a terminal: every model's lines as they complete, interleaved, each after its own
    /// `[model]` label (coloured when `color`); `width` is the terminal's.
    case live(color: Bool, width: Int)
    /// On a pipe: one `== model ==` block per model, in the order given, each printed once that
    /// model and every one before it have finished.
    case blocks
    /// Only the winner of a `--first` race, streamed as plain text like `ask`.
    case winner
    /// Nothing on stdout (`--json`, or a caller that prints the results itself).
    case silent
}

extension CompareStyle {
    /// True for the live, labelled lines drawn on a terminal.
    var isLive: Bool { if case .live = self { true } else { false } }

    /// How a comparison streams on this output: live labelled lines on a terminal (coloured when it
    /// takes colour), blocks in a pipe.
    public static func streaming(on terminal: TerminalCapabilities) -> CompareStyle {
        terminal.stdoutIsTTY ? .live(color: terminal.stdoutColor, width: terminal.width) : .blocks
    }
}

/// Prints streamed text in one `CompareStyle`; called from every model's task, so its state is
/// behind a lock, and each line is one write so lines never tear.
public final class CompareDisplay: Sendable {
    private struct State {
        var splitters: [CompareLineSplitter]
        var texts: [String]
        var blocks = BatchOrderingBuffer<String>()
        var printedBlocks = 0
    }

    private let console: Console
    private let style: CompareStyle
    private let labels: [String]
    private let state: Mutex<State>
    /// The winner of a `--first` race streams like `ask`.
    private let winner: ReplyRenderer

    /// A display for models shown under `labels`, in that order.
    public init(console: Console, style: CompareStyle, labels: [String]) {
        winner = ReplyRenderer(console: console)
        self.console = console
        self.style = style
        let padded = labels.map { $0.padding(toLength: labels.map(\.count).max() ?? 0, withPad: " ", startingAt: 0) }
        if case .live(let color, _) = style, color {
            self.labels = padded.enumerated().map { index, label in Self.colour(index) + "[" + label + "]" + "\u{1B}[0m" }
        } else {
            self.labels = padded.map { "[" + $0 + "]" }
        }
        let room: Int
        if case .live(_, let width) = style { room = width - (labels.map(\.count).max() ?? 0) - 3 } else { room = 80 }
        state = Mutex(State(splitters: labels.map { _ in CompareLineSplitter(width: room) },
                            texts: labels.map { _ in "" }))
    }

    /// Text of model `index` arrived.
    public func text(_ index: Int, _ raw: String) {
        // Live lines go to a terminal: the models' text cannot drive it. Blocks go to a pipe unchanged.
        let piece = style.isLive ? TerminalText.visible(raw) : raw
        switch style {
        case .live:
            state.withLock { s in
                for line in s.splitters[index].feed(piece) { console.out(labels[index] + " " + line + "\n") }
            }
        case .winner:
            winner.text(piece)
        case .blocks:
            state.withLock { s in s.texts[index] += piece }
        case .silent:
            break
        }
    }

    /// Model `index` is done (answered, failed, or cancelled); `header` is its block title.
    public func finished(_ index: Int, header: String) {
        switch style {
        case .live:
            state.withLock { s in
                if let rest = s.splitters[index].flush() { console.out(labels[index] + " " + rest + "\n") }
            }
        case .blocks:
            state.withLock { s in
                var block = "== \(header) ==\n" + s.texts[index]
                if !block.hasSuffix("\n") { block += "\n" }
                for ready in s.blocks.complete(index, block) {
                    // A blank line between blocks, none before the first.
                    console.out((s.printedBlocks > 0 ? "\n" : "") + ready)
                    s.printedBlocks += 1
                }
            }
        case .winner, .silent:
            break
        }
    }

    /// Ends the winner's stream on a line of its own.
    public func finishWinner() {
        guard style == .winner else { return }
        winner.finish()
    }

    /// Distinct ANSI colours, cycled: cyan, magenta, yellow, green, blue, red.
    static func colour(_ index: Int) -> String {
        let codes = [36, 35, 33, 32, 34, 31]
        return "\u{1B}[1;\(codes[index % codes.count])m"
    }
}
