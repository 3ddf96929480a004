import Foundation

/// The REPL's commands: one table that drives parsing, `/help`, suggestions and Tab completion.
public enum SlashCommandName: String, Sendable, CaseIterable {
    case help, model, system, set, attach, file, clear, retry, compare, save, load, sessions, resume, stats, exit
}

/// One row of the command table.
public struct SlashCommand: Sendable, Hashable {
    /// What the command's argument is, which decides how Tab completes it.
    public enum Argument: Sendable, Hashable {
        case none, model, text, setting, file, command
    }

    public var name: SlashCommandName
    /// Other spellings that run the same command (`/quit` for `/exit`).
    public var aliases: [String]
    public var usage: String
    public var summary: String
    public var argument: Argument

    /// Every name this command answers to, main name first.
    public var spellings: [String] { [name.rawValue] + aliases }
}

/// One setting `/set` can change, with the values Tab offers for it.
public struct REPLSetting: Sendable, Hashable {
    public var name: String
    public var values: [String]
    public var summary: String
}

/// The command table and the parser that classifies each submitted line.
public enum SlashCommands {
    /// Every command, in the order `/help` lists them.
    public static let all: [SlashCommand] = [
        .init(name: .help, aliases: ["?"], usage: "[command]", summary: "list the commands, or explain one", argument: .command),
        .init(name: .model, aliases: [], usage: "[provider:model]", summary: "show the model, or switch to another one", argument: .model),
        .init(name: .system, aliases: [], usage: "[text | off]", summary: "show, set or clear the system prompt", argument: .text),
        .init(name: .set, aliases: [], usage: "[setting value]", summary: "show the settings, or set temperature, max_tokens, reasoning, summary", argument: .setting),
        .init(name: .attach, aliases: [], usage: "PATH", summary: "attach an image (png, jpeg, gif, webp) to the next message", argument: .file),
        .init(name: .file, aliases: [], usage: "PATH", summary: "add a text file, or a folder's text files, to the next message", argument: .file),
        .init(name: .clear, aliases: [], usage: "", summary: "forget the conversation (model, system prompt and settings stay)", argument: .none),
        .init(name: .retry, aliases: [], usage: "", summary: "ask for the last reply again", argument: .none),
        .init(name: .compare, aliases: [], usage: "model [model …]", summary: "send the last prompt to several models at once and compare them", argument: .model),
        .init(name: .save, aliases: [], usage: "NAME | PATH", summary: "name this conversation in the log, or export it as a JSON file (a path)", argument: .file),
        .init(name: .load, aliases: [], usage: "NAME | PATH", summary: "open the conversation of that name, or import a JSON file (a path)", argument: .file),
        .init(name: .sessions, aliases: ["conversations"], usage: "", summary: "list recent conversations from the log", argument: .none),
        .init(name: .resume, aliases: [], usage: "[ID | NAME]", summary: "reopen a conversation from the log (default: the latest other one)", argument: .text),
        .init(name: .stats, aliases: [], usage: "", summary: "requests, connection reuse, latency percentiles, throughput", argument: .none),
        .init(name: .exit, aliases: ["quit"], usage: "", summary: "leave (Ctrl-D does the same)", argument: .none),
    ]

    /// What `/set` can change.
    public static let settings: [REPLSetting] = [
        .init(name: "temperature", values: ["0", "0.2", "0.7", "1", "default"], summary: "sampling temperature, 0-2 (default: the provider's)"),
        .init(name: "max_tokens", values: ["256", "1024", "4096", "default"], summary: "reply length limit (default: the provider's)"),
        .init(name: "reasoning", values: ["off", "low", "medium", "high", "hide", "show", "default"],
              summary: "how much the model reasons (off, low, medium, high or a token budget); hide or show it"),
        .init(name: "summary", values: ["on", "off"], summary: "the dim timing line after each reply"),
    ]

    /// The command answering to `spelling` (without the slash), if any.
    public static func command(named spelling: String) -> SlashCommand? {
        let key = spelling.lowercased()
        return all.first { $0.spellings.contains(key) }
    }

    /// A line as the REPL understands it.
    public enum Parsed: Sendable, Hashable {
        /// Text for the model.
        case message(String)
        case command(SlashCommand, arguments: String)
        /// `/foo` that is no command: never sent to the model.
        case unknown(name: String, suggestion: String?)
    }

    /// Classifies one submitted line. `//text` sends `/text` to the model; a line whose first word is
    /// a path (`/etc/hosts what is this?`) is a message, since no command name contains a slash.
    public static func parse(_ line: String) -> Parsed {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("/") else { return .message(line) }
        if trimmed.hasPrefix("//") { return .message(String(trimmed.dropFirst())) }
        let body = trimmed.dropFirst()
        let word = body.prefix { !$0.isWhitespace }
        let arguments = body.dropFirst(word.count).trimmingCharacters(in: .whitespaces)
        guard !word.isEmpty, !word.contains("/") else { return .message(line) }
        if let command = command(named: String(word)) {
            return .command(command, arguments: arguments)
        }
        return .unknown(name: String(word), suggestion: suggestion(for: String(word)))
    }

    /// The closest command name to a mistyped one (`/modle` → `model`), or nil when nothing is close.
    public static func suggestion(for word: String) -> String? {
        let typed = word.lowercased()
        let names = all.flatMap(\.spellings).filter { $0 != "?" }
        if let prefixed = names.first(where: { $0.hasPrefix(typed) }), typed.count >= 2 { return prefixed }
        let scored = names.map { ($0, editDistance(typed, $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        // Allow about one typo per three letters, at least one, so `/x` does not suggest `/exit`.
        let allowed = max(1, min(2, best.0.count / 3))
        return best.1 <= allowed ? best.0 : nil
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }

    /// The `/help` text: one line per command, then the input and key conventions.
    public static func helpLines() -> [String] {
        let width = all.map { "/\($0.name.rawValue) \($0.usage)".count }.max() ?? 0
        var lines = ["commands:"]
        for command in all {
            let left = "/\(command.name.rawValue) \(command.usage)"
            let aliases = command.aliases.filter { $0 != "?" }.map { " (also /\($0))" }.joined()
            lines.append("  " + left.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + command.summary + aliases)
        }
        lines.append("input: end a line with \\ to continue it; a line of \"\"\" starts and ends a block; pasted text stays one message;")
        lines.append("       start a message with // to send a leading /")
        lines.append("keys: Tab completes, Ctrl-R searches history, Ctrl-C stops a reply or clears the line, Ctrl-D leaves")
        return lines
    }

    /// Detailed help for one command (`/help model`).
    public static func helpLines(for spelling: String) -> [String] {
        let name = spelling.hasPrefix("/") ? String(spelling.dropFirst()) : spelling
        guard let command = command(named: name) else {
            let hint = suggestion(for: name).map { " — did you mean /\($0)?" } ?? ""
            return ["no command /\(name)\(hint)"]
        }
        var lines = ["/\(command.name.rawValue) \(command.usage)".trimmingCharacters(in: .whitespaces) + ": " + command.summary]
        if command.name == .set {
            lines += settings.map { "  \($0.name): \($0.summary)" }
        }
        return lines
    }
}
