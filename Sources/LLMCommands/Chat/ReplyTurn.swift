import ConversationLog
import Foundation
import LLMClient
import LLMCore
import Synchronization
import Terminal

extension REPLLoop {
    /// Sends the conversation, prints reasoning, text and tool calls as they arrive, runs the tools the
    /// model calls (asking first), and records the outcome. Ctrl-C cancels this turn only: the task is
    /// cancelled, the engine drops the transfer (or the tool's process is killed) at once, and whatever
    /// had arrived stays on screen and in the conversation, marked as interrupted.
    func send() async {
        let resolved: ResolvedModel
        let tools: [ToolSpec]
        do {
            resolved = try await context.resolveModel(session.model)
            let images = session.messages.last?.chatMessage.images ?? []
            if let problem = ImageLimits.problem(images, model: resolved) { throw UsageError(problem) }
            tools = try ToolCatalog.resolve(launch.rich.tools, modelTools: resolved.defaults.tools, config: context.config)
        } catch {
            session.abandonPrompt()
            console.errLine(style.red("error: \(ErrorReport(error, redactor: context.redactor).message)"))
            return
        }
        let request = session.request(for: resolved.ref)
        let client = context.resilientClient
        let policy = launch.policy
        let printer = ReplyPrinter(console: console, style: style, reasoning: session.reasoningDisplay)
        let redactor = context.redactor
        let loop = ToolLoop(tools: tools, maxRounds: launch.rich.maxToolRounds ?? ToolLoop.defaultMaxRounds,
                            environment: context.environment)
        let turns = ToolTurns()
        let confirm = ToolConfirmation(editor: editor, console: console, style: style)
        let task = Task { () -> Result<ToolLoop.Outcome, ChatFailure> in
            do {
                return .success(try await loop.run(request) { request in
                    // Retries happen only before the first token, so nothing on screen is ever repeated.
                    let result = try await client.send(request, candidates: [resolved], policy: policy) { event in
                        printer.handle(event)
                    } onNote: { note in
                        printer.note(TerminalText.visible(redactor.scrub(note.description)))
                    }
                    turns.replied(result)
                    return result
                } approve: { call, spec in
                    printer.endLine()
                    return await confirm.ask(call, spec)
                } onMessage: { message in
                    turns.add(message)
                } onCall: { call in
                    printer.toolLine(ToolCallLine.call(call))
                } onResult: { _, result in
                    printer.toolLine(ToolCallLine.result(result))
                })
            } catch let failure as ChatFailure {
                return .failure(failure)
            } catch {
                // Cancelled between requests (Ctrl-C at a confirmation or while a tool ran).
                let partial = ChatResult(stats: RequestStats(provider: resolved.endpoint.name, model: resolved.ref.model),
                                         model: resolved.ref)
                return .failure(ChatFailure(ChatError(.cancelled), partial: partial))
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
        confirm.onInterrupt = { task.cancel() }
        let outcome = await task.value
        interrupts.onInterrupt(nil)
        let stopMs = interruptedAt.withLock { $0 }.map { (ContinuousClock.now - $0).milliseconds }
        editor?.setTypeaheadEcho(true)
        spinner?.cancel()
        printer.endLine()

        // The tool rounds that completed stay in the conversation whatever happened next.
        let toolTurns = turns.taken()
        let user = request.messages.last { $0.role == .user }
        for turn in toolTurns { session.appendToolTurn(turn.message, model: turn.model, stats: turn.stats) }
        logReply(user: user, toolTurns: toolTurns.map(\.message), outcome: outcome)
        switch outcome {
        case .success(let outcome):
            session.finish(outcome.result)
            if let reason = outcome.stopReason { console.errLine(style.yellow(reason)) }
            if let note = FinishNote.note(for: outcome.result.finishReason) {
                // The REPL's knob for it is a command, not the flag.
                console.errLine(style.yellow(note.replacingOccurrences(of: "--max-tokens", with: "it with /set max_tokens N")))
            }
            if session.summary {
                let rounds = outcome.rounds > 0 ? " · \(outcome.rounds) tool round\(outcome.rounds == 1 ? "" : "s")" : ""
                console.errLine(style.dim(StatsFormatter.line(outcome.result.stats) + rounds))
            }
        case .failure(let failure) where failure.isCancellation:
            session.fail(failure.partial, interrupted: true)
            let kept = failure.partial.producedOutput ? StatsFormatter.line(failure.partial.stats) : "nothing received"
            let stopped = stopMs.map { "stopped in \(StatsFormatter.ms($0)) · " } ?? ""
            console.errLine(style.dim("[interrupted] · " + stopped + kept))
        case .failure(let failure):
            let report = ErrorReport(failure, redactor: context.redactor)
            session.fail(failure.partial, interrupted: false, error: report.message)
            console.errLine(style.red("error: \(report.message)"))
            if failure.partial.producedOutput {
                console.errLine(style.dim("[incomplete] · " + StatsFormatter.line(failure.partial.stats)))
            } else {
                console.errLine(style.dim("/retry sends it again"))
            }
        }
    }
}

extension REPLLoop {
    /// Records the turn in the conversation log in the background (the next prompt is not delayed).
    func logReply(user: ChatMessage?, toolTurns: [ChatMessage], outcome: Result<ToolLoop.Outcome, ChatFailure>) {
        guard let user else { return }
        let entry: LogEntry
        switch outcome {
        case .success(let done):
            entry = .exchange(command: "repl", conversationID: conversationID, conversationName: conversationName,
                              system: session.system, prompt: user.content, turn: [user] + toolTurns, result: done.result,
                              toolRounds: done.rounds)
        case .failure(let failure):
            entry = .exchange(command: "repl", conversationID: conversationID, conversationName: conversationName,
                              requested: session.model, system: session.system, prompt: user.content, turn: [user] + toolTurns,
                              result: failure.partial, error: ErrorReport(failure, redactor: context.redactor))
        }
        logger.recordLater(entry)
    }
}

/// The messages of a turn's tool rounds, collected while the turn's task runs and added to the
/// session once it ends (the session belongs to the REPL's task).
final class ToolTurns: Sendable {
    struct Turn: Sendable {
        var message: ChatMessage
        var model: String?
        var stats: RequestStats?
    }

    private struct State {
        var turns: [Turn] = []
        var lastReply: ChatResult?
    }

    private let state = Mutex(State())

    /// A reply arrived; if it calls tools, its stats go with the assistant message that follows.
    func replied(_ result: ChatResult) { state.withLock { $0.lastReply = result } }

    func add(_ message: ChatMessage) {
        state.withLock { s in
            if message.role == .assistant, let reply = s.lastReply {
                s.turns.append(Turn(message: message, model: reply.model.description, stats: reply.stats))
                s.lastReply = nil
            } else {
                s.turns.append(Turn(message: message))
            }
        }
    }

    func taken() -> [Turn] { state.withLock { $0.turns } }
}

/// Asks on the terminal before a tool runs: y(es), n(o), a(lways for this tool in this session).
final class ToolConfirmation: Sendable {
    private let editor: LineEditor?
    private let console: Console
    private let style: Style
    private let interrupt = Mutex<(@Sendable () -> Void)?>(nil)

    init(editor: LineEditor?, console: Console, style: Style) {
        self.editor = editor
        self.console = console
        self.style = style
    }

    /// Called when Ctrl-C is pressed at the question (libedit reads it as a key there).
    var onInterrupt: (@Sendable () -> Void)? {
        get { interrupt.withLock { $0 } }
        set { interrupt.withLock { $0 = newValue } }
    }

    func ask(_ call: ToolCall, _ spec: ToolSpec) async -> ToolApproval {
        guard let editor else { return .decline }
        editor.setTypeaheadEcho(true)
        defer { editor.setTypeaheadEcho(false) }
        let command = (spec.command ?? []).joined(separator: " ")
        while true {
            switch await editor.readLine(prompt: "run \(call.name) (\(command))? [y]es [n]o [a]lways: ") {
            case .line(let answer):
                switch answer.trimmingCharacters(in: .whitespaces).lowercased() {
                case "y", "yes": return .run
                case "n", "no": return .decline
                case "a", "always": return .always
                default: console.errLine(style.dim("answer y, n or a (Ctrl-C stops the turn)"))
                }
            case .interrupted, .eof:
                onInterrupt?()
                return .decline
            }
        }
    }
}
