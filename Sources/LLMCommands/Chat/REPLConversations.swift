import ConversationLog
import Foundation
import LLMClient
import LLMCore
import Terminal

/// The REPL's conversations in the log: `-c`, `--session NAME`, `/sessions`, `/resume`, `/save NAME`
/// and `/load NAME`. The log is where conversations are kept; files are only for `/save PATH` exports.
extension REPLLoop {
    /// Makes `continued` the conversation this REPL talks in; returns the model it last used.
    @discardableResult
    func open(_ continued: ContinuedConversation) -> String? {
        session.resume(messages: continued.messages, system: continued.system ?? session.system)
        conversationID = continued.id
        conversationName = continued.name
        resumedMessages = continued.messages.count
        return continued.model
    }

    /// The log, with this REPL's earlier replies written; nil (and a warning) when it is off or broken.
    private func readableLog() async -> ConversationLog? {
        guard logger.enabled else {
            console.errLine(style.yellow("the conversation log is off (--no-log, LLMCTL_LOG=0 or log = false); /save PATH and /load PATH use files"))
            return nil
        }
        await logger.flush()
        guard let log = logger.openForReading() else {
            console.errLine(style.yellow("the conversation log has nothing yet"))
            return nil
        }
        return log
    }

    /// `/save NAME`: the conversation is called NAME from now on (`llmctl --session NAME` continues it).
    func rename(as name: String) async {
        guard logger.enabled else {
            console.errLine(style.yellow("the conversation log is off, so it cannot hold a name; /save PATH writes a file"))
            return
        }
        await logger.flush()
        do {
            if let log = logger.openForReading(), try log.hasConversation(conversationID) {
                try log.name(conversationID, as: name)
            }
            conversationName = name
            console.errLine("this conversation is now named \(name) (llmctl --session \(name) continues it)")
        } catch {
            console.errLine(style.yellow("cannot name it: \(error)"))
        }
    }

    /// `/resume [ID|NAME]`: an id (or a unique start of one), a name, or nothing for the latest other
    /// conversation.
    func resume(_ target: String?) async {
        guard let log = await readableLog() else { return }
        do {
            let id: String?
            if let target {
                id = try log.conversationID(named: target) ?? log.conversationID(matching: target)
            } else {
                id = try log.conversations(limit: 50).first { $0.id != conversationID && $0.command != "compare" && $0.command != "batch" }?.id
            }
            guard let id else {
                console.errLine(style.yellow(target.map { "no conversation '\($0)' in the log; /sessions lists them" }
                                             ?? "no other conversation in the log yet"))
                return
            }
            await reopen(.id(id), creating: false)
        } catch {
            console.errLine(style.yellow("cannot read the log: \(error)"))
        }
    }

    /// Opens a conversation of the log in place of this one and says what came back.
    func reopen(_ continuation: Continuation, creating: Bool) async {
        guard await readableLog() != nil else { return }
        do {
            if case .named(let name) = continuation, !creating, try logger.openForReading()?.conversationID(named: name) == nil {
                console.errLine(style.yellow("no conversation named \(name) in the log; /sessions lists them (/load ./\(name).json reads a file)"))
                return
            }
            let continued = try ContinuedConversation.load(continuation, logger: logger)
            let model = open(continued)
            if let model, let resolved = try? await context.resolveModel(model) { session.model = resolved.ref.description }
            let label = continued.name.map { "\($0) (\(continued.id))" } ?? continued.id
            console.errLine("resumed \(label) · \(continued.messages.count) messages · model \(session.model ?? "default")")
        } catch {
            console.errLine(style.yellow(ErrorReport(error, redactor: context.redactor).message))
        }
    }

    /// `/sessions`: recent conversations, newest first, this one marked.
    func listConversations() async {
        guard let log = await readableLog() else { return }
        do {
            let list = try log.conversations(limit: 20).filter { $0.command != "compare" && $0.command != "batch" }
            guard !list.isEmpty else {
                console.errLine("no conversations in the log yet")
                return
            }
            let formatter = DateFormatter()
            formatter.dateFormat = "MM-dd HH:mm"
            for c in list {
                let mark = c.id == conversationID ? "*" : " "
                let name = c.name.map { " [\($0)]" } ?? ""
                let first = c.firstPrompt.split(separator: "\n").first.map(String.init) ?? ""
                let preview = first.count > 50 ? String(first.prefix(50)) + "…" : first
                let replies = "\(c.exchanges) repl\(c.exchanges == 1 ? "y" : "ies")"
                console.errLine(TerminalText.visible("\(mark) \(c.id)  \(formatter.string(from: c.lastAt))  \(replies)\(name)  \(preview)"))
            }
            console.errLine(style.dim("/resume ID (or a unique start of it, or a name) reopens one"))
        } catch {
            console.errLine(style.yellow("cannot read the log: \(error)"))
        }
    }
}
