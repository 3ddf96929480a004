import Foundation
import LLMCore
import Synchronization

/// The REPL's reply on a terminal: the text through the reply renderer, and until the first token a
/// dim spinner with the time waited (on a terminal), so a slow first token is visibly the provider's
/// time, not a hung client.
public final class ReplyPrinter: Sendable {
    private struct State {
        var printed = false
        var spinnerShown = false
        var done = false
    }

    private let console: Console
    private let style: Style
    private let renderer: ReplyRenderer
    private let state = Mutex(State())
    private static let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    public init(console: Console, style: Style, reasoning: ReasoningDisplay = .auto) {
        self.console = console
        self.style = style
        self.renderer = ReplyRenderer(console: console, reasoning: reasoning)
    }

    /// Shows one event of the reply. Any delta (reasoning and tool calls too) ends the spinner: the
    /// model is producing.
    public func handle(_ event: ChatEvent) {
        guard event.isDelta else { return }
        state.withLock { s in
            if s.spinnerShown { console.err("\r\u{1B}[K") }
            s.spinnerShown = false
            renderer.handle(event)
            s.printed = true
        }
    }

    /// A tool call or result line.
    public func toolLine(_ line: String) {
        state.withLock { s in
            if s.spinnerShown { console.err("\r\u{1B}[K") }
            s.spinnerShown = false
            renderer.toolLine(line)
        }
    }

    /// Starts a new reply after a tool round: the spinner may show again while the model works.
    public func restart() {
        state.withLock { s in
            s.printed = false
            s.done = false
        }
    }

    /// A retry or breaker note: its own dim line, above the spinner (which carries on).
    public func note(_ text: String) {
        state.withLock { s in
            if s.spinnerShown { console.err("\r\u{1B}[K") }
            s.spinnerShown = false
            renderer.finish()
            console.err(style.dim(text) + "\n")
        }
    }

    /// Animates the spinner until the first token or `endLine`; only when both streams are terminals,
    /// so pipes and logs never see it.
    public func startSpinner() -> Task<Void, Never>? {
        guard style.enabled, console.terminal.stdoutIsTTY, console.terminal.stderrIsTTY else { return nil }
        let started = ContinuousClock.now
        return Task { [self] in
            // Fast first tokens (local models, warm connections) never flash a spinner.
            try? await Task.sleep(for: .milliseconds(250))
            var frame = 0
            while !Task.isCancelled {
                let waited = (ContinuousClock.now - started).milliseconds / 1000
                let keepGoing = state.withLock { s -> Bool in
                    guard !s.printed, !s.done else { return false }
                    let text = "\(Self.frames[frame % Self.frames.count]) waiting " + String(format: "%.1f s", waited)
                    console.err("\r" + style.dim(text))
                    s.spinnerShown = true
                    return true
                }
                guard keepGoing else { return }
                frame += 1
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// Clears the spinner and ends the reply's last line, so the summary and the next prompt start at
    /// the left margin.
    public func endLine() {
        state.withLock { s in
            s.done = true
            if s.spinnerShown { console.err("\r\u{1B}[K") }
            s.spinnerShown = false
            renderer.finish()
        }
    }
}
