import ConversationLog
import Foundation
import LLMCore

/// Which logged conversation a prompt continues (`-c`, `--cid ID`, `--session NAME`).
public enum Continuation: Sendable, Hashable {
    case latest
    case id(String)
    /// A named conversation; started under that name when there is none yet.
    case named(String)
}

/// A conversation picked up from the log: its id, earlier messages, system prompt and model.
struct ContinuedConversation: Sendable {
    var id: String
    var name: String?
    var messages: [ChatMessage]
    var system: String?
    var model: String?

    /// Looks the conversation up; a `UsageError` says what to do when there is none to continue.
    static func load(_ continuation: Continuation, logger: ExchangeLogger) throws -> ContinuedConversation {
        let log = logger.openForReading()
        switch continuation {
        case .latest:
            guard let log, let id = try log.latestConversationID(commands: ["ask", "repl"]) else {
                throw UsageError("nothing to continue: the conversation log has no conversation yet (llmctl log lists it)")
            }
            return try fetch(id, from: log, name: nil)
        case .id(let prefix):
            guard let log, let id = try log.conversationID(matching: prefix) else {
                throw UsageError("no conversation '\(prefix)' in the log; llmctl log conversations lists them")
            }
            return try fetch(id, from: log, name: nil)
        case .named(let name):
            if let log, let id = try log.conversationID(named: name) { return try fetch(id, from: log, name: name) }
            return ContinuedConversation(id: LogEntry.newConversationID(), name: name, messages: [], system: nil, model: nil)
        }
    }

    private static func fetch(_ id: String, from log: ConversationLog, name: String?) throws -> ContinuedConversation {
        let found = try log.conversation(id)
        return ContinuedConversation(id: id, name: name, messages: found.messages, system: found.system, model: found.model)
    }
}
