import Foundation
import GRDB
import LLMCore

/// Why the log could not be used; the message is one line that says what to do.
public struct LogError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The conversation log: one SQLite file (WAL, busy timeout, so concurrent llmctl processes all
/// write), created 0600 in a 0700 folder. Every exchange is a row; conversations can be continued.
public final class ConversationLog: Sendable {
    public let path: String
    let queue: DatabaseQueue

    /// How long a write waits for another process's lock before giving up.
    static let busyTimeout: TimeInterval = 5

    /// Opens (creating if needed) the log at `path`. Refuses a database written by a newer llmctl
    /// without touching it, and a file that is not an llmctl log.
    public init(path: String) throws {
        self.path = path
        try Self.prepareFile(path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.label = "llmctl-log"
        configuration.prepareDatabase { db in
            // WAL: readers never block the writer, and two writers wait for each other (busy timeout).
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            let migrator = LogSchema.migrator
            if try queue.read({ try migrator.hasBeenSuperseded($0) }) {
                throw LogError("\(path) was written by a newer llmctl; upgrade llmctl to use it (the file was not changed)")
            }
            try migrator.migrate(queue)
        } catch let error as LogError {
            throw error
        } catch let error as DatabaseError {
            throw LogError("cannot use the log \(path): \(Self.reason(error))")
        }
    }

    /// The parent folder 0700 and the file 0600 before SQLite opens it (its -wal and -shm files take
    /// the database file's mode).
    static func prepareFile(_ path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw LogError("cannot create \(folder) for the log: \(error.localizedDescription)")
            }
        }
        if !FileManager.default.fileExists(atPath: path) {
            let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
            if fd >= 0 { close(fd) } else if errno != EEXIST {
                throw LogError("cannot create the log \(path): \(String(cString: strerror(errno)))")
            }
        }
    }

    static func reason(_ error: DatabaseError) -> String {
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: "it is not a valid llmctl log (corrupt or another file); move it away to start a new one"
        case .SQLITE_BUSY, .SQLITE_LOCKED: "it is locked by another process"
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN: "it cannot be written (check its permissions)"
        case .SQLITE_FULL: "the disk is full"
        default: error.message ?? "\(error.resultCode)"
        }
    }

    /// Runs a read, mapping database errors to `LogError`.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.read(body) } catch let error as DatabaseError { throw LogError("cannot read the log \(path): \(Self.reason(error))") }
    }

    /// Runs a write transaction, mapping database errors to `LogError`.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.write(body) } catch let error as DatabaseError { throw LogError("cannot write the log \(path): \(Self.reason(error))") }
    }

    /// Records one exchange (creating its conversation on first use); returns the exchange's id.
    @discardableResult
    public func record(_ entry: LogEntry) throws -> Int64 {
        try write { db in try Self.insert(entry, db) }
    }

    /// The inserts of one exchange, inside the caller's transaction.
    static func insert(_ entry: LogEntry, _ db: Database) throws -> Int64 {
        let created = entry.createdAt.timeIntervalSince1970
        try db.execute(sql: "INSERT OR IGNORE INTO conversations (id, created_at, command) VALUES (?, ?, ?)",
                       arguments: [entry.conversationID, created, entry.command])
        if let name = entry.conversationName {
            // A name belongs to one conversation: the newest one to carry it.
            try db.execute(sql: "UPDATE conversations SET name = NULL WHERE name = ? AND id != ?", arguments: [name, entry.conversationID])
            try db.execute(sql: "UPDATE conversations SET name = ? WHERE id = ?", arguments: [name, entry.conversationID])
        }
        let connection = entry.stats?.connection
        try db.execute(sql: """
            INSERT INTO exchanges (conversation_id, comparison_id, created_at, command, model, provider, system,
                prompt, request, reply, reply_message, reasoning, finish_reason, input_tokens, output_tokens,
                cached_input_tokens, reasoning_tokens, ttft_ms, total_ms, tokens_per_s, connection_reused,
                http_version, error_kind, error_message, result)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                entry.conversationID, entry.comparisonID, created, entry.command, entry.model, entry.provider,
                entry.system, entry.prompt, LogMessages.encode(entry.request), entry.reply?.content ?? "",
                entry.reply.map { LogMessages.encode([$0]) }, entry.reply.map { $0.reasoning.map(\.text).joined() },
                entry.finishReason, entry.usage?.inputTokens, entry.usage?.outputTokens ?? entry.stats?.outputTokens,
                entry.usage?.cachedInputTokens, entry.usage?.reasoningTokens, entry.stats?.ttftMs, entry.stats?.totalMs,
                entry.stats?.tokensPerSecond, connection.map { $0.reused ? 1 : 0 }, connection?.httpVersion,
                entry.errorKind, entry.errorMessage, entry.result,
            ])
        let id = db.lastInsertedRowID
        for message in entry.request {
            for image in message.images {
                try db.execute(sql: "INSERT INTO attachments (exchange_id, media_type, size, sha256) VALUES (?, ?, ?, ?)",
                               arguments: [id, image.mediaType, image.bytes.count, LogMessages.sha256(image.bytes)])
            }
        }
        return id
    }
}

extension ConversationLog {
    /// Runs raw SQL (tests that simulate other versions of the file).
    package func rawExecute(_ sql: String) throws {
        try write { db in try db.execute(sql: sql) }
    }
}
