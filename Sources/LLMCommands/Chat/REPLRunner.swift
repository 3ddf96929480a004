import ConversationLog
import Foundation
import LLMClient
import LLMCore
import Terminal

/// `llmctl` on a terminal: the interactive chat loop.
public enum REPLRunner {
    /// Runs the REPL until `/exit` or Ctrl-D; returns the process's exit status. The terminal is
    /// restored on every path out.
    public static func run(_ launch: REPLLaunch, context: CommandContext, interrupts: InterruptHandler) async -> ExitStatus {
        let loop: REPLLoop
        do {
            loop = try await REPLLoop(launch, context: context, interrupts: interrupts)
        } catch {
            let report = ErrorReport(error, redactor: context.redactor)
            context.console.errLine("llmctl: error: \(report.message)")
            return error is SessionError ? .usage : report.status
        }
        return await loop.run()
    }
}

/// One REPL: the session state machine plus the editor, files and network it drives.
/// Used from a single task, so it needs no locking.
final class REPLLoop {
    let context: CommandContext
    let console: Console
    let interrupts: InterruptHandler
    let style: Style
    /// JSON files of `/save PATH` and `/load PATH`.
    let store: SessionStore
    let history: HistoryStore
    let launch: REPLLaunch
    var session: REPLSession
    var editor: LineEditor?
    /// The conversation in the log this REPL writes to; `/clear` starts a new one.
    var conversationID = LogEntry.newConversationID()
    /// Its name (`--session NAME`, `/save NAME`), given to the log with each exchange.
    var conversationName: String?
    let logger: ExchangeLogger
    var resumedMessages = 0
    private var warnedHistory = false

    init(_ launch: REPLLaunch, context: CommandContext, interrupts: InterruptHandler) async throws {
        self.launch = launch
        self.context = context
        self.interrupts = interrupts
        console = context.console
        let paths = StatePaths(environment: context.environment)
        store = SessionStore(paths: paths, redactor: context.redactor)
        history = HistoryStore(path: paths.history, limit: launch.options.historySize, redactor: context.redactor)
        style = Style(options: launch.options, terminal: console.terminal)
        logger = context.exchangeLogger(flagOff: launch.noLog)

        session = REPLSession(system: launch.system, temperature: launch.temperature, maxTokens: launch.maxTokens,
                              summary: launch.options.summary, stream: launch.stream)
        var savedModel: String?
        if launch.continueLast || launch.sessionName != nil {
            guard logger.enabled else {
                throw SessionError("\(launch.continueLast ? "-c" : "--session") needs the conversation log, which is off "
                                   + "(--no-log, LLMCTL_LOG=0 or log = false in the config)")
            }
            let continued = try ContinuedConversation.load(launch.continueLast ? .latest : .named(launch.sessionName ?? ""),
                                                           logger: logger)
            savedModel = open(continued)
            // Flags given now override what the conversation was held with.
            if let system = launch.system { session.system = system }
        }
        session.reasoning = launch.rich.reasoning ?? session.reasoning
        session.reasoningDisplay = launch.rich.reasoningDisplay
        // -a and -f on the command line go with the first message.
        for path in launch.rich.attachments { session.addImage(try ImageFile.load(path)) }
        if !launch.rich.files.isEmpty {
            let inlined = try TextFiles.inline(launch.rich.files)
            for skipped in inlined.skippedBinary { console.errLine("llmctl: skipping \(skipped): binary file") }
            if !inlined.text.isEmpty { session.addFiles(inlined.text) }
        }
        session.model = try await resolveStartModel(saved: savedModel)
    }

    /// `-m` wins, then the session's model, then the resolver's default. A saved model that no longer
    /// resolves (its credentials are gone) falls back to the default with a warning rather than failing.
    private func resolveStartModel(saved: String?) async throws -> String {
        if let flag = launch.model { return try await context.resolveModel(flag).ref.description }
        if let saved {
            do { return try await context.resolveModel(saved).ref.description } catch {
                console.errLine("llmctl: warning: the session's model \(saved) is not usable here (\(ErrorReport(error).message)); using the default")
            }
        }
        return try await context.resolveModel(nil).ref.description
    }

    func run() async -> ExitStatus {
        let status = await interact()
        // The log's background writes finish before the process exits.
        await logger.flush()
        return status
    }

    private func interact() async -> ExitStatus {
        let entries = launch.options.saveHistory ? history.load() : []
        let completer = Completer(models: launch.completionModels,
                                  home: context.environment["HOME"] ?? NSHomeDirectory())
        guard let editor = LineEditor(.init(mode: launch.options.editorMode, historySize: launch.options.historySize,
                                            history: entries, completer: completer,
                                            outputFD: console.terminal.stdoutIsTTY ? 1 : 2)) else {
            console.errLine("llmctl: error: the interactive mode needs a terminal; pipe a prompt in or use llmctl ask")
            return .usage
        }
        self.editor = editor
        defer { editor.close() }
        banner()
        var assembler = MultilineAssembler()
        while true {
            let prompt = assembler.open.map(style.continuationPrompt) ?? style.prompt(model: session.model ?? "llmctl")
            switch await editor.readLine(prompt: prompt) {
            case .eof:
                // libedit leaves the cursor after the prompt; the shell's prompt should start on a new line.
                console.err("\n")
                return .success
            case .interrupted:
                assembler.reset()
            case .line(let line):
                guard case .complete(let text, let isSingleLine) = assembler.feed(line) else { continue }
                remember(text)
                let hadMessages = !session.messages.isEmpty
                if await perform(session.submit(text, isSingleLine: isSingleLine)) { return .success }
                // /clear (or a load of an empty file) starts a new conversation in the log.
                if hadMessages, session.messages.isEmpty {
                    conversationID = LogEntry.newConversationID()
                    conversationName = nil
                }
            }
        }
    }

    private func banner() {
        var parts = ["model \(session.model ?? "default")"]
        if let conversationName {
            parts.append("session \(conversationName)" + (resumedMessages > 0 ? " (\(resumedMessages) messages)" : " (new)"))
        } else if launch.continueLast {
            parts.append("continuing (\(resumedMessages) messages)")
        }
        parts.append("/help for commands, Ctrl-D to leave")
        console.errLine(style.dim("llmctl · " + parts.joined(separator: " · ")))
        if resumedMessages > 0, let last = session.messages.last(where: { $0.role == .user }) {
            let preview = last.content.split(separator: "\n").first.map(String.init) ?? ""
            console.errLine(style.dim("last prompt: " + (preview.count > 70 ? String(preview.prefix(70)) + "…" : preview)))
        }
    }

    private func remember(_ text: String) {
        guard let entry = history.entry(for: text) else { return }
        editor?.remember(entry)
        guard launch.options.saveHistory else { return }
        do { try history.append(entry) } catch {
            if !warnedHistory { console.errLine(style.yellow("llmctl: warning: \(error)")) }
            warnedHistory = true
        }
    }

    /// Performs one effect; true when the REPL should end.
    private func perform(_ effect: REPLSession.Effect) async -> Bool {
        switch effect {
        case .nothing:
            break
        case .say(let lines):
            for line in lines { console.errLine(line) }
        case .warn(let message):
            console.errLine(style.yellow(message))
        case .send:
            await send()
        case .switchModel(let text):
            do {
                let resolved = try await context.resolveModel(text)
                session.switchModel(to: resolved.ref.description)
                console.errLine("model: \(resolved.ref.description)")
            } catch {
                console.errLine(style.yellow("cannot use \(text): \(ErrorReport(error, redactor: context.redactor).message)"))
            }
        case .save(let path):
            await save(to: SessionStore.expand(path, home: context.environment["HOME"] ?? NSHomeDirectory()))
        case .saveName(let name):
            await rename(as: name)
        case .loadName(let name):
            await reopen(.named(name), creating: false)
        case .resume(let target):
            await resume(target)
        case .listConversations:
            await listConversations()
        case .load(let path):
            await load(from: SessionStore.expand(path, home: context.environment["HOME"] ?? NSHomeDirectory()))
        case .showStats:
            for line in session.statsLines(breakers: Array(context.breakers.breakerStates().values)) { console.errLine(line) }
        case .compare(let models):
            guard let request = session.compareRequest() else { break }
            _ = await CompareRunner.interactive(models: models, request: request, context: context, interrupts: interrupts)
        case .attach(let path):
            do {
                let image = try ImageFile.load(SessionStore.expand(path, home: context.environment["HOME"] ?? NSHomeDirectory()))
                session.addImage(image)
                console.errLine("attached \(path) (\(image.mediaType), \(ByteCount.text(image.bytes.count))) to the next message")
            } catch {
                console.errLine(style.yellow(ErrorReport(error, redactor: context.redactor).message.replacingOccurrences(of: "--attach ", with: "/attach ")))
            }
        case .file(let path):
            do {
                let inlined = try TextFiles.inline([SessionStore.expand(path, home: context.environment["HOME"] ?? NSHomeDirectory())])
                for skipped in inlined.skippedBinary { console.errLine(style.dim("skipping \(skipped): binary file")) }
                if inlined.text.isEmpty {
                    console.errLine(style.yellow("/file \(path): no text files found"))
                } else {
                    session.addFiles(inlined.text)
                    console.errLine("added \(path) (\(ByteCount.text(inlined.text.utf8.count))) to the next message")
                }
            } catch {
                console.errLine(style.yellow(ErrorReport(error, redactor: context.redactor).message.replacingOccurrences(of: "--file ", with: "/file ")))
            }
        case .exit:
            return true
        }
        return false
    }

    /// Exports the conversation as JSON; an existing file is overwritten only when the user says so.
    private func save(to path: String) async {
        if FileManager.default.fileExists(atPath: path) {
            guard let editor, case .line(let answer) = await editor.readLine(prompt: "\(path) exists; overwrite it? [y/N] "),
                  ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) else {
                console.errLine("not saved")
                return
            }
        }
        do {
            try store.save(session.snapshot(), to: path)
            console.errLine("saved \(session.messages.count) messages to \(path)")
        } catch {
            console.errLine(style.yellow("cannot save: \(error)"))
        }
    }

    private func load(from path: String) async {
        do {
            guard let file = try store.load(path: path) else {
                console.errLine(style.yellow("cannot load \(path): no such file"))
                return
            }
            let previous = session.model
            session.restore(file)
            conversationID = LogEntry.newConversationID()
            conversationName = nil
            if let model = file.model {
                do {
                    session.model = try await context.resolveModel(model).ref.description
                } catch {
                    session.model = previous
                    console.errLine(style.yellow("the file's model \(model) is not usable here; keeping \(previous ?? "the default")"))
                }
            }
            console.errLine("loaded \(file.messages.count) messages from \(path) · model \(session.model ?? "default")")
        } catch {
            console.errLine(style.yellow("cannot load: \(error)"))
        }
    }

}
