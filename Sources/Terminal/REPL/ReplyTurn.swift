import Foundation
import LLMClient
import LLMCore
import Synchronization

extension REPLLoop {
    /// Sends the conversation, prints tokens as they arrive, and records the outcome. Ctrl-C cancels
    /// this request only: the task is cancelled, the engine drops the transfer at once, and whatever
    /// text had arrived stays on screen and in the conversation, marked as interrupted.
    func send() async {
        let resolved: ResolvedModel
        do {
            resolved = try context.resolveModel(session.model)
        } catch {
            session.abandonPrompt()
            console.errLine(style.red("error: \(ErrorReport(error, redactor: context.redactor).message)"))
            return
        }
        let request = session.request(for: resolved.ref)
        let client = ResilientClient(client: context.client)
        let policy = launch.policy
        let printer = ReplyPrinter(console: console, style: style)
        let redactor = context.redactor
        let task = Task { () -> Result<ChatResult, ChatFailure> in
            do throws(ChatFailure) {
                // Retries happen only before the first token, so nothing on screen is ever repeated.
                return .success(try await client.send(request, candidates: [resolved], policy: policy) { event in
                    if case .text(let piece) = event { printer.print(piece) }
                } onNote: { note in
                    printer.note(redactor.scrub(note.description))
                })
            } catch {
                return .failure(error)
            }
        }
        let spinner = printer.startSpinner()
        editor?.setTypeaheadEcho(false)
        // When Ctrl-C came, so the interrupted line can say how long stopping took.
        let interruptedAt = Mutex<ContinuousClock.Instant?>(nil)
        interrupts.onInterrupt {
            interruptedAt.withLock { $0 = $0 ?? .now }
            task.cancel()
        }
        let outcome = await task.value
        interrupts.onInterrupt(nil)
        let stopMs = interruptedAt.withLock { $0 }.map { (ContinuousClock.now - $0).milliseconds }
        editor?.setTypeaheadEcho(true)
        spinner?.cancel()
        printer.endLine()

        switch outcome {
        case .success(let result):
            session.finish(result)
            if let note = FinishNote.note(for: result.finishReason) {
                // The REPL's knob for it is a command, not the flag.
                console.errLine(style.yellow(note.replacingOccurrences(of: "--max-tokens", with: "it with /set max_tokens N")))
            }
            if session.summary { console.errLine(style.dim(StatsFormatter.line(result.stats))) }
        case .failure(let failure) where failure.isCancellation:
            session.fail(failure.partial, interrupted: true)
            let kept = failure.partial.text.isEmpty ? "nothing received" : StatsFormatter.line(failure.partial.stats)
            let stopped = stopMs.map { "stopped in \(StatsFormatter.ms($0)) · " } ?? ""
            console.errLine(style.dim("[interrupted] · " + stopped + kept))
        case .failure(let failure):
            let report = ErrorReport(failure, redactor: context.redactor)
            session.fail(failure.partial, interrupted: false, error: report.message)
            console.errLine(style.red("error: \(report.message)"))
            if !failure.partial.text.isEmpty {
                console.errLine(style.dim("[incomplete] · " + StatsFormatter.line(failure.partial.stats)))
            } else {
                console.errLine(style.dim("/retry sends it again"))
            }
        }
    }
}

/// Prints reply text the moment it arrives and remembers whether the last thing printed ended a line.
/// Until the first token it shows a dim spinner with the time waited (on a terminal), so a slow
/// first token is visibly the provider's time, not a hung client.
final class ReplyPrinter: Sendable {
    private struct State {
        var printed = false
        var atLineStart = true
        var spinnerShown = false
        var done = false
    }

    private let console: Console
    private let style: Style
    private let state = Mutex(State())
    private static let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    init(console: Console, style: Style) {
        self.console = console
        self.style = style
    }

    func print(_ piece: String) {
        guard !piece.isEmpty else { return }
        state.withLock { s in
            if s.spinnerShown { console.err("\r\u{1B}[K") }
            s.spinnerShown = false
            console.out(piece)
            s.printed = true
            s.atLineStart = piece.hasSuffix("\n")
        }
    }

    /// A retry or breaker note: its own dim line, above the spinner (which carries on).
    func note(_ text: String) {
        state.withLock { s in
            if s.spinnerShown { console.err("\r\u{1B}[K") }
            s.spinnerShown = false
            if s.printed, !s.atLineStart { console.out("\n") }
            s.atLineStart = true
            console.err(style.dim(text) + "\n")
        }
    }

    /// Animates the spinner until the first token or `endLine`; only when both streams are terminals,
    /// so pipes and logs never see it.
    func startSpinner() -> Task<Void, Never>? {
        guard style.enabled, console.outIsTTY, console.errIsTTY else { return nil }
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
    func endLine() {
        state.withLock { s in
            s.done = true
            if s.spinnerShown { console.err("\r\u{1B}[K") }
            s.spinnerShown = false
            if s.printed, !s.atLineStart { console.out("\n") }
        }
    }
}
