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
        /// A failure of the background open, said when the exchange is recorded (not mid-reply).
        var deferredWarning: String?
        var pending: [Task<Void, Never>] = []
    }

    public let path: String
    public let enabled: Bool
    /// Session files of older llmctl versions, imported into the log the first time it is opened.
    public let sessionsFolder: String?
    private let console: Console
    private let redactor: Redactor
    private let state = Mutex(State())
    private let opening = Mutex(())

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

    /// Opens the log in the background while the request is in flight (ask), so that only the commit
    /// is left once the reply has been shown.
    public func prepare() {
        guard enabled else { return }
        Task.detached(priority: .utility) { [self] in _ = open(quiet: true) }
    }

    private func open(quiet: Bool = false) -> ConversationLog? {
        // One opener at a time: a record racing `prepare` waits for its open instead of opening twice.
        opening.withLock { _ in
            if let log = state.withLock({ $0.failed ? nil : $0.log }) { return log }
            if state.withLock({ $0.failed }) {
                if !quiet, let message = state.withLock({ s in defer { s.deferredWarning = nil }; return s.deferredWarning }) {
                    console.errLine(message)
                }
                return nil
            }
            do {
                let log = try ConversationLog(path: path)
                state.withLock { $0.log = log }
                if let sessionsFolder { SessionFileImport.run(folder: sessionsFolder, into: log, redactor: redactor) }
                return log
            } catch {
                warn(error, later: quiet)
                return nil
            }
        }
    }

    /// Session files wait to be imported (an upgrade from a version before the log).
    private var hasSessionFiles: Bool { sessionsFolder.map(SessionFileImport.hasFiles(in:)) ?? false }

    private func warn(_ error: any Error, later: Bool = false) {
        let message = "llmctl: warning: not logged: \(TerminalText.visible(redactor.scrub("\(error)")))"
        let first = state.withLock { s -> Bool in
            defer { s.failed = true }
            if !s.failed, later { s.deferredWarning = message }
            return !s.failed
        }
        if first, !later { console.errLine(message) }
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
