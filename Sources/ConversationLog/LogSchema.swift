import GRDB

/// The log's tables, created and changed only by versioned migrations. Documented in the man page
/// (CONVERSATION LOG) so people can query it with `sqlite3`.
///
/// - `conversations`: one row per conversation (`id` text, `created_at` unix seconds, `name` for named
///   sessions, `command`).
/// - `exchanges`: one row per reply: the turn that was sent (`prompt`, `system`, `request` as JSON
///   messages), the `result` object (the same JSON as `ask --json`), and the columns `log stats`
///   queries (model, timing, connection, usage, error).
/// - `attachments`: images of an exchange by media type, size and sha256 (never the bytes).
/// - `exchanges_fts`: FTS5 over prompt and reply text.
/// - `imported_files` (v2): session files of older llmctl versions already imported (path, time).
enum LogSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE conversations (
                    id TEXT PRIMARY KEY NOT NULL,
                    created_at REAL NOT NULL,
                    name TEXT UNIQUE,
                    command TEXT NOT NULL
                );
                CREATE TABLE exchanges (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                    comparison_id TEXT,
                    created_at REAL NOT NULL,
                    command TEXT NOT NULL,
                    model TEXT,
                    provider TEXT,
                    system TEXT,
                    prompt TEXT NOT NULL,
                    request TEXT NOT NULL,
                    reply TEXT NOT NULL,
                    reply_message TEXT,
                    reasoning TEXT,
                    finish_reason TEXT,
                    input_tokens INTEGER,
                    output_tokens INTEGER,
                    cached_input_tokens INTEGER,
                    reasoning_tokens INTEGER,
                    ttft_ms REAL,
                    total_ms REAL,
                    tokens_per_s REAL,
                    connection_reused INTEGER,
                    http_version TEXT,
                    error_kind TEXT,
                    error_message TEXT,
                    result TEXT NOT NULL
                );
                CREATE INDEX exchanges_conversation ON exchanges(conversation_id, id);
                CREATE INDEX exchanges_created ON exchanges(created_at);
                CREATE INDEX exchanges_model ON exchanges(model, created_at);
                CREATE TABLE attachments (
                    exchange_id INTEGER NOT NULL REFERENCES exchanges(id) ON DELETE CASCADE,
                    media_type TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    sha256 TEXT NOT NULL
                );
                CREATE INDEX attachments_exchange ON attachments(exchange_id);
                CREATE VIRTUAL TABLE exchanges_fts USING fts5(prompt, reply, content='exchanges', content_rowid='id');
                CREATE TRIGGER exchanges_fts_insert AFTER INSERT ON exchanges BEGIN
                    INSERT INTO exchanges_fts(rowid, prompt, reply) VALUES (new.id, new.prompt, new.reply);
                END;
                CREATE TRIGGER exchanges_fts_delete AFTER DELETE ON exchanges BEGIN
                    INSERT INTO exchanges_fts(exchanges_fts, rowid, prompt, reply) VALUES ('delete', old.id, old.prompt, old.reply);
                END;
                """)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                CREATE TABLE imported_files (
                    path TEXT PRIMARY KEY NOT NULL,
                    imported_at REAL NOT NULL
                );
                """)
        }
        return migrator
    }
}
