import ConversationLog
import Foundation
import LLMClient
import LLMCore
import Terminal

/// Brings the chat sessions older llmctl versions kept as JSON files (`$XDG_STATE_HOME/llmctl/sessions`)
/// into the conversation log, once per file: a named session becomes a conversation with that name,
/// `_last.json` (the unnamed one) a conversation without a name. The files are left where they are.
enum SessionFileImport {
    /// Imports every session file the log has not seen; returns how many conversations came in.
    /// A file that cannot be read is skipped (and tried again next time) — it never stops the caller.
    @discardableResult
    static func run(folder: String, into log: ConversationLog, redactor: Redactor) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return 0 }
        let files = names.filter { $0.hasSuffix(".json") }.sorted().map { folder + "/" + $0 }
        guard !files.isEmpty, let done = try? log.importedFiles() else { return 0 }
        let store = SessionStore(paths: StatePaths(root: (folder as NSString).deletingLastPathComponent), redactor: redactor)
        var imported = 0
        for path in files where !done.contains(path) {
            guard let file = try? store.load(path: path) else { continue }
            let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            let name = stem == SessionStore.unnamed ? nil : stem
            let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            let entries = Self.entries(file, name: name, savedAt: file.savedAt ?? modified ?? Date())
            // Taken before the import: a name already on a conversation of the log stays there.
            let keepName = name.flatMap { try? log.conversationID(named: $0) } == nil
            do {
                try log.importFile(path, entries: keepName ? entries : entries.map { var e = $0; e.conversationName = nil; return e })
                if !entries.isEmpty { imported += 1 }
            } catch {
                continue
            }
        }
        return imported
    }

    /// Whether the folder holds session files (imported or not).
    static func hasFiles(in folder: String) -> Bool {
        (try? FileManager.default.contentsOfDirectory(atPath: folder))?.contains { $0.hasSuffix(".json") } ?? false
    }

    /// One exchange per prompt: the user's message and any tool rounds, then the reply that ended it.
    /// A prompt left without a reply (the file was saved while it failed) is left out, as the log does.
    static func entries(_ file: SessionFile, name: String?, savedAt: Date) -> [LogEntry] {
        let id = LogEntry.newConversationID(now: savedAt)
        var entries: [LogEntry] = []
        var turn: [SessionMessage] = []
        func close(with reply: SessionMessage) {
            guard let user = turn.first, user.role == .user else { return }
            let model = reply.model.flatMap(ModelRef.init(parsing:))
            let stats = reply.stats ?? RequestStats(provider: model?.provider ?? "", model: model?.model ?? "")
            let result = ChatResult(message: reply.chatMessage, stats: stats,
                                    model: model ?? ModelRef(provider: "", model: ""))
            var entry = LogEntry.exchange(command: "repl", conversationID: id, conversationName: name, requested: reply.model,
                                          system: file.system, prompt: user.content, turn: turn.map(\.chatMessage),
                                          result: result)
            // Imported exchanges keep their order within the conversation, all at the file's time.
            entry.createdAt = savedAt
            if model == nil { entry.model = reply.model }
            entries.append(entry)
        }
        for message in file.messages {
            switch message.role {
            case .user:
                turn = [message]
            case .tool:
                turn.append(message)
            case .assistant where !message.chatMessage.toolCalls.isEmpty && !message.interrupted:
                turn.append(message)
            case .assistant:
                close(with: message)
                turn = []
            default:
                continue
            }
        }
        return entries
    }
}
