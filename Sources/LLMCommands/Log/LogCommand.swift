import ConversationLog
import Foundation
import LLMCore
import Terminal

/// `llmctl log`: the exchanges recorded in the conversation log, searched, summarised, pruned.
public enum LogCommand {
    /// What `log` was asked to do.
    public enum Action: Sendable, Hashable {
        case list(limit: Int)
        case show(String)
        case search(String, limit: Int)
        case stats(since: String?, model: String?)
        case conversations(limit: Int)
        case path
        case delete(String)
        case prune(olderThan: String)
    }

    public static func execute(_ action: Action, json: Bool, context: CommandContext) -> ExitStatus {
        let console = context.console
        let path = LogLocation.path(environment: context.environment)
        if case .path = action {
            console.out(path + "\n")
            return .success
        }
        do {
            // Reading never creates the file (no log yet is an empty log) unless old session files wait to come in.
            let sessions = StatePaths(environment: context.environment).sessions
            guard FileManager.default.fileExists(atPath: path) || SessionFileImport.hasFiles(in: sessions) else {
                if case .show(let which) = action { throw UsageError("no exchange \(which): nothing has been logged yet (\(path))") }
                if !json { console.errLine("llmctl: nothing logged yet (\(path))") }
                return .success
            }
            let log = try ConversationLog(path: path)
            SessionFileImport.run(folder: sessions, into: log, redactor: context.redactor)
            switch action {
            case .list(let limit):
                write(try log.recent(limit: limit), json: json, console: console)
            case .search(let text, let limit):
                write(try log.search(text, limit: limit), json: json, console: console)
            case .show(let which):
                guard let id = which == "last" ? try log.lastExchangeID() : Int64(which.trimmingCharacters(in: CharacterSet(charactersIn: "#"))),
                      let exchange = try log.exchange(id: id) else {
                    throw UsageError("no exchange \(which) in the log; llmctl log lists them with their ids")
                }
                if json { console.out(LogRecord.line(exchange) + "\n") } else { console.out(LogFormat.detail(exchange, terminal: console.terminal)) }
            case .stats(let since, let model):
                var sinceDate: Date?
                if let since {
                    guard let seconds = AgeText.seconds(since) else { throw UsageError("--since takes an age like 7d, 12h or 30m (got '\(since)')") }
                    sinceDate = Date().addingTimeInterval(-seconds)
                }
                let stats = try log.stats(since: sinceDate, model: model)
                if json {
                    console.out(JSONValue.array(stats.map(LogRecord.stats)).jsonText() + "\n")
                } else if stats.isEmpty {
                    console.errLine("llmctl: no exchanges" + (since.map { " in the last \($0)" } ?? "") + (model.map { " for \($0)" } ?? ""))
                } else {
                    console.out(LogFormat.statsTable(stats))
                }
            case .conversations(let limit):
                let list = try log.conversations(limit: limit)
                if json {
                    for conversation in list { console.out(LogRecord.conversation(conversation).jsonText() + "\n") }
                } else {
                    for conversation in list { console.out(LogFormat.conversationLine(conversation) + "\n") }
                }
            case .delete(let which):
                guard let id = Int64(which.trimmingCharacters(in: CharacterSet(charactersIn: "#"))) else {
                    throw UsageError("log delete takes an exchange id (llmctl log lists them)")
                }
                guard try log.delete(exchange: id) else { throw UsageError("no exchange \(id) in the log") }
                console.errLine("deleted exchange \(id)")
            case .prune(let age):
                guard let seconds = AgeText.seconds(age) else { throw UsageError("--older-than takes an age like 30d or 12h (got '\(age)')") }
                let count = try log.prune(olderThan: Date().addingTimeInterval(-seconds))
                console.errLine("deleted \(count) exchange\(count == 1 ? "" : "s") older than \(age)")
            case .path:
                break
            }
            return .success
        } catch {
            let report = ErrorReport(error, redactor: context.redactor)
            console.errLine("llmctl: error: \(report.message)")
            return error is LogError ? .failure : report.status
        }
    }

    static func write(_ exchanges: [ExchangeSummary], json: Bool, console: Console) {
        for exchange in exchanges {
            console.out((json ? LogRecord.line(exchange) : LogFormat.line(exchange, terminal: console.terminal)) + "\n")
        }
    }
}
