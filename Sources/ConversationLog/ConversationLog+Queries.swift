import Foundation
import GRDB
import LLMCore

/// One exchange as `llmctl log` lists it.
public struct ExchangeSummary: Sendable, Hashable {
    public var id: Int64
    public var conversationID: String
    public var comparisonID: String?
    public var createdAt: Date
    public var command: String
    public var model: String?
    public var prompt: String
    public var reply: String
    public var ttftMs: Double?
    public var totalMs: Double?
    public var outputTokens: Int?
    public var connectionReused: Bool?
    public var errorKind: String?
    /// The exchange as `ask --json` printed it.
    public var result: String
    public var system: String?
    /// The turn's messages (user message and tool rounds), images as notes.
    public var request: [ChatMessage]
    /// The reply as a message (reasoning, text, tool calls), when one arrived.
    public var replyMessage: ChatMessage?
}

/// A conversation as `/sessions` and `log conversations` list it.
public struct ConversationSummary: Sendable, Hashable {
    public var id: String
    public var name: String?
    public var createdAt: Date
    public var lastAt: Date
    public var command: String
    public var exchanges: Int
    public var firstPrompt: String
}

/// `log stats` for one model.
public struct ModelStats: Sendable, Hashable {
    public var model: String
    public var count: Int
    public var ttftP50: Double?
    public var ttftP95: Double?
    public var totalP50: Double?
    public var totalP95: Double?
    /// Mean tokens/s over exchanges that report it.
    public var tokensPerSecond: Double?
    /// Share of exchanges with a known connection that reused one, 0…100.
    public var reusePercent: Double?
    /// Failed exchanges by error kind.
    public var errors: [String: Int]
}

extension ConversationLog {
    static let summaryColumns = """
        id, conversation_id, comparison_id, created_at, command, model, prompt, reply, ttft_ms, total_ms,
        output_tokens, connection_reused, error_kind, result, system, request, reply_message
        """

    static func summary(_ row: Row) -> ExchangeSummary {
        let reused: Int? = row["connection_reused"]
        let replyMessage: String? = row["reply_message"]
        return ExchangeSummary(id: row["id"], conversationID: row["conversation_id"], comparisonID: row["comparison_id"],
                               createdAt: Date(timeIntervalSince1970: row["created_at"]), command: row["command"],
                               model: row["model"], prompt: row["prompt"], reply: row["reply"], ttftMs: row["ttft_ms"],
                               totalMs: row["total_ms"], outputTokens: row["output_tokens"], connectionReused: reused.map { $0 != 0 },
                               errorKind: row["error_kind"], result: row["result"], system: row["system"],
                               request: LogMessages.decode(row["request"]),
                               replyMessage: replyMessage.flatMap { LogMessages.decode($0).first })
    }

    /// The newest `limit` exchanges, oldest first.
    public func recent(limit: Int) throws -> [ExchangeSummary] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.summaryColumns) FROM exchanges ORDER BY id DESC LIMIT ?", arguments: [limit])
                .map(Self.summary).reversed()
        }
    }

    /// One exchange by id; nil when there is none.
    public func exchange(id: Int64) throws -> ExchangeSummary? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.summaryColumns) FROM exchanges WHERE id = ?", arguments: [id]).map(Self.summary)
        }
    }

    /// The newest exchange's id.
    public func lastExchangeID() throws -> Int64? {
        try read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM exchanges") }
    }

    /// Full-text search over prompts and replies (FTS5 syntax; plain words match as words), newest first.
    public func search(_ text: String, limit: Int) throws -> [ExchangeSummary] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.summaryColumns) FROM exchanges
                WHERE id IN (SELECT rowid FROM exchanges_fts WHERE exchanges_fts MATCH ?)
                ORDER BY id DESC LIMIT ?
                """, arguments: [Self.ftsQuery(text), limit]).map(Self.summary).reversed()
        }
    }

    /// Words as FTS5 phrases, so punctuation in what the user typed cannot be FTS5 syntax errors.
    static func ftsQuery(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace)
            .map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            .joined(separator: " ")
    }

    /// Conversations, most recently active first.
    public func conversations(limit: Int) throws -> [ConversationSummary] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.id, c.name, c.created_at, c.command, count(e.id) AS n, max(e.created_at) AS last_at,
                       (SELECT prompt FROM exchanges WHERE conversation_id = c.id ORDER BY id LIMIT 1) AS first_prompt
                FROM conversations c JOIN exchanges e ON e.conversation_id = c.id
                GROUP BY c.id ORDER BY max(e.id) DESC LIMIT ?
                """, arguments: [limit]).map { row in
                ConversationSummary(id: row["id"], name: row["name"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
                                    lastAt: Date(timeIntervalSince1970: row["last_at"]), command: row["command"],
                                    exchanges: row["n"], firstPrompt: row["first_prompt"] ?? "")
            }
        }
    }

    /// The id of the conversation with the newest exchange (optionally only of these commands).
    public func latestConversationID(commands: [String]? = nil) throws -> String? {
        try read { db in
            if let commands {
                let marks = commands.map { _ in "?" }.joined(separator: ",")
                return try String.fetchOne(db, sql: "SELECT conversation_id FROM exchanges WHERE command IN (\(marks)) ORDER BY id DESC LIMIT 1",
                                           arguments: StatementArguments(commands))
            }
            return try String.fetchOne(db, sql: "SELECT conversation_id FROM exchanges ORDER BY id DESC LIMIT 1")
        }
    }

    /// The conversation named `name`, if any.
    public func conversationID(named name: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT id FROM conversations WHERE name = ?", arguments: [name]) }
    }

    /// Whether a conversation with this id (or unique id prefix) exists; returns its full id.
    public func conversationID(matching prefix: String) throws -> String? {
        try read { db in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM conversations WHERE id = ? OR id LIKE ? ESCAPE '\\' LIMIT 2",
                                          arguments: [prefix, Self.likePrefix(prefix)])
            if ids.contains(prefix) { return prefix }
            return ids.count == 1 ? ids[0] : nil
        }
    }

    static func likePrefix(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
    }

    /// The conversation's messages in order (each exchange's turn, then its reply), for continuing it;
    /// exchanges that failed without a reply leave their prompt out, so roles still alternate. Also the
    /// newest system prompt and model used.
    public func conversation(_ id: String) throws -> (messages: [ChatMessage], system: String?, model: String?) {
        try read { db in
            var messages: [ChatMessage] = []
            var system: String?
            var model: String?
            for row in try Row.fetchAll(db, sql: "SELECT request, reply_message, system, model FROM exchanges WHERE conversation_id = ? AND comparison_id IS NULL ORDER BY id",
                                        arguments: [id]) {
                let reply: String? = row["reply_message"]
                guard let replyMessage = reply.flatMap({ LogMessages.decode($0).first }), !replyMessage.parts.isEmpty else { continue }
                messages += LogMessages.decode(row["request"])
                messages.append(replyMessage)
                system = row["system"]
                model = row["model"] ?? model
            }
            return (Self.withoutUnansweredCalls(messages), system, model)
        }
    }

    /// Tool calls no tool message answers (a reply that ended waiting for results) are left out: a
    /// provider rejects a conversation that carries them.
    static func withoutUnansweredCalls(_ messages: [ChatMessage]) -> [ChatMessage] {
        var out: [ChatMessage] = []
        for (index, message) in messages.enumerated() {
            let answered = index + 1 < messages.count && messages[index + 1].role == .tool
            guard message.role == .assistant, !message.toolCalls.isEmpty, !answered else {
                out.append(message)
                continue
            }
            let kept = message.parts.filter { if case .toolCall = $0 { false } else { true } }
            if !kept.isEmpty { out.append(ChatMessage(role: .assistant, parts: kept)) }
        }
        return out
    }

    /// Per-model statistics of exchanges since `since` (all when nil), for `model` only when given.
    public func stats(since: Date? = nil, model: String? = nil) throws -> [ModelStats] {
        try read { db in
            var conditions: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            if let since { conditions.append("created_at >= ?"); arguments.append(since.timeIntervalSince1970) }
            if let model { conditions.append("model = ?"); arguments.append(model) }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            var rows: [String: (ttft: [Double], total: [Double], rates: [Double], reused: Int, known: Int, count: Int, errors: [String: Int])] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT model, ttft_ms, total_ms, tokens_per_s, connection_reused, error_kind FROM exchanges \(filter)",
                                             arguments: StatementArguments(arguments))
            // Columns by position: a name lookup per column per row is most of the time over 100k rows.
            while let row = try cursor.next() {
                let name: String = row[0] ?? "(none)"
                // Taken out while it changes: a copy still in the dictionary would make every append copy
                // the whole array (quadratic, seconds over 100k rows).
                var entry = rows.removeValue(forKey: name) ?? ([], [], [], 0, 0, 0, [:])
                entry.count += 1
                if let kind: String = row[5] {
                    entry.errors[kind, default: 0] += 1
                } else {
                    if let ttft: Double = row[1] { entry.ttft.append(ttft) }
                    if let total: Double = row[2] { entry.total.append(total) }
                    if let rate: Double = row[3] { entry.rates.append(rate) }
                }
                if let reused: Int = row[4] {
                    entry.known += 1
                    entry.reused += reused
                }
                rows[name] = entry
            }
            return rows.keys.sorted().compactMap { name in
                guard let e = rows[name] else { return nil }
                return ModelStats(model: name, count: e.count,
                                  ttftP50: SessionStats.percentile(e.ttft, 50), ttftP95: SessionStats.percentile(e.ttft, 95),
                                  totalP50: SessionStats.percentile(e.total, 50), totalP95: SessionStats.percentile(e.total, 95),
                                  tokensPerSecond: e.rates.isEmpty ? nil : e.rates.reduce(0, +) / Double(e.rates.count),
                                  reusePercent: e.known == 0 ? nil : Double(e.reused) * 100 / Double(e.known), errors: e.errors)
            }
        }
    }

    /// Deletes one exchange; true when it existed. A conversation left empty goes too.
    @discardableResult
    public func delete(exchange id: Int64) throws -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM exchanges WHERE id = ?", arguments: [id])
            let deleted = db.changesCount > 0
            try db.execute(sql: "DELETE FROM conversations WHERE id NOT IN (SELECT DISTINCT conversation_id FROM exchanges)")
            return deleted
        }
    }

    /// Deletes exchanges older than `date` (and conversations left empty); returns how many went.
    @discardableResult
    public func prune(olderThan date: Date) throws -> Int {
        try write { db in
            try db.execute(sql: "DELETE FROM exchanges WHERE created_at < ?", arguments: [date.timeIntervalSince1970])
            let count = db.changesCount
            try db.execute(sql: "DELETE FROM conversations WHERE id NOT IN (SELECT DISTINCT conversation_id FROM exchanges)")
            return count
        }
    }

    /// Names a conversation (a name belongs to one conversation at a time).
    public func name(_ id: String, as name: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE conversations SET name = NULL WHERE name = ?", arguments: [name])
            try db.execute(sql: "UPDATE conversations SET name = ? WHERE id = ?", arguments: [name, id])
        }
    }
}

extension ConversationLog {
    /// Session files (of llmctl before the log) already imported.
    public func importedFiles() throws -> Set<String> {
        try read { db in Set(try String.fetchAll(db, sql: "SELECT path FROM imported_files")) }
    }

    /// Imports one session file's exchanges in one transaction and marks the file imported, so it is
    /// never imported twice (the file itself is left alone).
    public func importFile(_ path: String, entries: [LogEntry]) throws {
        try write { db in
            try db.execute(sql: "INSERT INTO imported_files (path, imported_at) VALUES (?, ?)",
                           arguments: [path, Date().timeIntervalSince1970])
            for entry in entries { _ = try Self.insert(entry, db) }
        }
    }

    /// Whether the conversation has any exchange yet (its row exists from the first one on).
    public func hasConversation(_ id: String) throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM conversations WHERE id = ?)", arguments: [id]) ?? false }
    }
}

extension ConversationLog {
    /// Records many exchanges in one transaction (benchmarks and bulk imports).
    public func record(contentsOf entries: [LogEntry]) throws {
        try write { db in
            for entry in entries { _ = try Self.insert(entry, db) }
        }
    }
}
