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
        let client = context.client
        let printer = ReplyPrinter(console: console)
        let task = Task { () -> Result<ChatResult, ChatFailure> in
            do throws(ChatFailure) {
                return .success(try await client.send(request, to: resolved.endpoint) { event in
                    if case .text(let piece) = event { printer.print(piece) }
                })
            } catch {
                return .failure(error)
            }
        }
        interrupts.onInterrupt { task.cancel() }
        let outcome = await task.value
        interrupts.onInterrupt(nil)
        printer.endLine()

        switch outcome {
        case .success(let result):
            session.finish(result)
            if let note = FinishNote.note(for: result.finishReason) { console.errLine(style.yellow(note)) }
            if session.summary { console.errLine(style.dim(StatsFormatter.line(result.stats))) }
        case .failure(let failure) where failure.isCancellation:
            session.fail(failure.partial, interrupted: true)
            let kept = failure.partial.text.isEmpty ? "nothing received" : StatsFormatter.line(failure.partial.stats)
            console.errLine(style.dim("[interrupted] · " + kept))
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
final class ReplyPrinter: Sendable {
    private let console: Console
    private let state = Mutex((printed: false, atLineStart: true))

    init(console: Console) { self.console = console }

    func print(_ piece: String) {
        guard !piece.isEmpty else { return }
        console.out(piece)
        state.withLock { $0 = (true, piece.hasSuffix("\n")) }
    }

    /// Ends the reply's last line so the summary and the next prompt start at the left margin.
    func endLine() {
        let needsNewline = state.withLock { $0.printed && !$0.atLineStart }
        if needsNewline { console.out("\n") }
    }
}
