import ConversationLog
import Foundation
import LLMClient
import LLMCore
import Synchronization
import Terminal

/// Writes exchanges to the conversation log after their replies were shown. A log that cannot be
/// opened or written costs one warning line on stderr, never the reply or the exit status.
public final class ExchangeLogger: Sendable {
    private struct State {
        var log: ConversationLog?
        var failed = false
        var pending: [Task<Void, Never>] = []
    }

    public let path: String
    public let enabled: Bool
    /// Session files of older llmctl versions, imported into the log the first time it is opened.
    public let sessionsFolder: String?
    private let console: Console
    private let redactor: Redactor
    private let state = Mutex(State())

    public init(path: String, enabled: Bool, sessionsFolder: String? = nil, console: Console, redactor: Redactor) {
        self.path = path
        self.enabled = enabled
        self.sessionsFolder = sessionsFolder
        self.console = console
        self.redactor = redactor
    }

    /// Records `entry` now (ask: it exits once the row is committed). Secrets known to the process
    /// are scrubbed from every text first.
    public func record(_ entry: LogEntry) {
        guard enabled else { return }
        let scrubbed = scrub(entry)
        guard let log = open() else { return }
        do {
            try log.record(scrubbed)
        } catch {
            warn(error)
        }
    }

    /// Records `entry` in the background (the REPL: the next prompt is not delayed); `flush` waits.
    public func recordLater(_ entry: LogEntry) {
        guard enabled else { return }
        let previous = state.withLock { $0.pending.last }
        let task = Task.detached { [self] in
            await previous?.value  // one write at a time, in order
            record(entry)
        }
        state.withLock { $0.pending.append(task) }
    }

    /// Waits for background writes.
    public func flush() async {
        let tasks = state.withLock { s -> [Task<Void, Never>] in
            defer { s.pending.removeAll() }
            return s.pending
        }
        for task in tasks { await task.value }
    }

    /// The log for reading (continuing a conversation); nil, with the warning, when it cannot be used.
    public func openForReading() -> ConversationLog? {
        guard enabled, FileManager.default.fileExists(atPath: path) || hasSessionFiles else { return nil }
        return open()
    }

    private func open() -> ConversationLog? {
        if let log = state.withLock({ $0.failed ? nil : $0.log }) { return log }
        if state.withLock({ $0.failed }) { return nil }
        do {
            let log = try ConversationLog(path: path)
            state.withLock { $0.log = log }
            if let sessionsFolder { SessionFileImport.run(folder: sessionsFolder, into: log, redactor: redactor) }
            return log
        } catch {
            warn(error)
            return nil
        }
    }

    /// Session files wait to be imported (an upgrade from a version before the log).
    private var hasSessionFiles: Bool { sessionsFolder.map(SessionFileImport.hasFiles(in:)) ?? false }

    private func warn(_ error: any Error) {
        let first = state.withLock { s -> Bool in
            defer { s.failed = true }
            return !s.failed
        }
        if first { console.errLine("llmctl: warning: not logged: \(TerminalText.visible(redactor.scrub("\(error)")))") }
    }

    private func scrub(_ entry: LogEntry) -> LogEntry {
        var e = entry
        e.system = e.system.map(redactor.scrub)
        e.prompt = redactor.scrub(e.prompt)
        e.request = e.request.map { scrub($0) }
        e.reply = e.reply.map { scrub($0) }
        e.errorMessage = e.errorMessage.map(redactor.scrub)
        e.result = redactor.scrub(e.result)
        return e
    }

    private func scrub(_ message: ChatMessage) -> ChatMessage {
        ChatMessage(role: message.role, parts: message.parts.map { SessionStore.scrub($0, with: redactor) })
    }
}
