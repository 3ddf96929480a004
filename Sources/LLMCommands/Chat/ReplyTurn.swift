import Foundation
import LLMClient
import LLMCore
import Synchronization
import Terminal

extension REPLLoop {
    /// Sends the conversation, prints tokens as they arrive, and records the outcome. Ctrl-C cancels
    /// this request only: the task is cancelled, the engine drops the transfer at once, and whatever
    /// text had arrived stays on screen and in the conversation, marked as interrupted.
    func send() async {
        let resolved: ResolvedModel
        do {
            resolved = try await context.resolveModel(session.model)
        } catch {
            session.abandonPrompt()
            console.errLine(style.red("error: \(ErrorReport(error, redactor: context.redactor).message)"))
            return
        }
        let request = session.request(for: resolved.ref)
        let client = context.resilientClient
        let policy = launch.policy
        let printer = ReplyPrinter(console: console, style: style)
        let redactor = context.redactor
        let task = Task { () -> Result<ChatResult, ChatFailure> in
            do throws(ChatFailure) {
                // Retries happen only before the first token, so nothing on screen is ever repeated.
                return .success(try await client.send(request, candidates: [resolved], policy: policy) { event in
                    printer.handle(event)
                } onNote: { note in
                    printer.note(TerminalText.visible(redactor.scrub(note.description)))
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
