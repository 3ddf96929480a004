import ArgumentParser
import Foundation
import LLMCommands
import LLMCore
import Terminal

extension LLMCtl {
    /// `llmctl log`: the conversation log.
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: "List, search and summarise the exchanges in the conversation log.",
            discussion: """
            Every exchange (ask, the chat, compare; batch with --log) is recorded in \
            $XDG_DATA_HOME/llmctl/logs.db (else ~/.local/share/llmctl/logs.db), a SQLite file: prompt, reply, \
            reasoning, tool calls, usage, timing and connection. Turn it off with --no-log, config log = false \
            or LLMCTL_LOG=0. With no subcommand, lists the last exchanges.
            """,
            subcommands: [List.self, Show.self, Search.self, Stats.self, Conversations.self, Path.self, Delete.self, Prune.self],
            defaultSubcommand: List.self)
    }
}

/// Runs a log action with a process runtime (for the environment, console and redaction).
private func run(_ action: LogCommand.Action, json: Bool) throws {
    let runtime = ProcessRuntime()
    defer { runtime.shutdown() }
    let status = LogCommand.execute(action, json: json, context: runtime.context)
    if status != .success { throw ExitCode(status.rawValue) }
}

extension LLMCtl.Log {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "The last exchanges, one line each (the default).")

        @Option(name: .short, help: ArgumentHelp("How many exchanges.", valueName: "n"))
        var n = 10

        @Flag(help: "JSON lines: the ask --json object plus conversation_id, time, command, system, prompt.")
        var json = false

        func validate() throws {
            if n < 1 { throw ValidationError("-n must be at least 1 (got \(n))") }
        }

        func run() throws { try LLMCommandsRun.log(.list(limit: n), json: json) }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "One whole exchange.")

        @Argument(help: ArgumentHelp("An exchange id from llmctl log, or 'last'.", valueName: "id"))
        var id: String

        @Flag(help: "Print it as JSON.")
        var json = false

        func run() throws { try LLMCommandsRun.log(.show(id), json: json) }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "search", abstract: "Full-text search over prompts and replies.")

        @Argument(help: "Words to find.")
        var words: [String]

        @Option(name: .short, help: ArgumentHelp("Most results.", valueName: "n"))
        var n = 20

        @Flag(help: "JSON lines.")
        var json = false

        func validate() throws {
            if words.joined().trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("log search needs words to find") }
            if n < 1 { throw ValidationError("-n must be at least 1 (got \(n))") }
        }

        func run() throws { try LLMCommandsRun.log(.search(words.joined(separator: " "), limit: n), json: json) }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Per model: count, time to first token and total (p50/p95), tokens/s, connection reuse, errors by kind.")

        @Option(help: ArgumentHelp("Only exchanges this recent: 7d, 12h, 30m.", valueName: "age"))
        var since: String?

        @Option(help: ArgumentHelp("Only this model (provider:model).", valueName: "ref"))
        var model: String?

        @Flag(help: "Print a JSON array.")
        var json = false

        func run() throws { try LLMCommandsRun.log(.stats(since: since, model: model), json: json) }
    }

    struct Conversations: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "conversations", abstract: "Recent conversations with their first prompt (continue one with ask --cid ID).")

        @Option(name: .short, help: ArgumentHelp("How many.", valueName: "n"))
        var n = 20

        @Flag(help: "JSON lines.")
        var json = false

        func run() throws { try LLMCommandsRun.log(.conversations(limit: n), json: json) }
    }

    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "path", abstract: "Print the log's path (it need not exist).")

        func run() throws { try LLMCommandsRun.log(.path, json: false) }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete one exchange.")

        @Argument(help: ArgumentHelp("The exchange id.", valueName: "id"))
        var id: String

        func run() throws { try LLMCommandsRun.log(.delete(id), json: false) }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "prune", abstract: "Delete exchanges older than an age.")

        @Option(name: .customLong("older-than"), help: ArgumentHelp("An age: 30d, 12h.", valueName: "age"))
        var olderThan: String

        func run() throws { try LLMCommandsRun.log(.prune(olderThan: olderThan), json: false) }
    }
}

/// The runtime wrapper the log subcommands share.
enum LLMCommandsRun {
    static func log(_ action: LogCommand.Action, json: Bool) throws { try run(action, json: json) }
}
