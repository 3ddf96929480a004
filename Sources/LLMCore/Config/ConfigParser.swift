import TOMLKit

/// Parses and validates `config.toml`. Pure: the caller reads the file and passes its text.
///
/// Every problem is an error (unknown keys included), reported as `path:line: what to fix`; the
/// first one by line is thrown, so a bad file is never silently half-used.
public enum ConfigParser {
    /// The keys allowed at the top level.
    public static let topLevelKeys = ["default_model", "fallback", "aliases", "endpoints", "models", "repl", "network", "tools", "log"]

    /// The validated configuration, or a `ConfigError` naming the file, line and fix.
    public static func parse(_ text: String, path: String) throws -> LLMConfig {
        let root = try syntaxTree(text, path: path)
        var reader = ConfigReader(lines: TOMLKeyLines(text))
        var config = LLMConfig(path: path)
        reader.allowOnly(root, at: [], keys: topLevelKeys)
        config.aliases = reader.aliases(root)
        config.defaultModel = reader.modelChoice(root, "default_model", aliases: config.aliases)
        config.fallback = reader.fallback(root, aliases: config.aliases)
        config.endpoints = reader.endpoints(root)
        config.models = reader.models(root)
        config.repl = reader.repl(root)
        config.network = reader.network(root)
        config.tools = reader.tools(root)
        config.log = reader.bool(root, "log", at: [])
        reader.checkModelTools(config.models, known: config.tools, root: root)
        let issues = reader.issues.sorted { ($0.line, $0.message) < ($1.line, $1.message) }
        if let first = issues.first { throw first.error(path: path, more: issues.count - 1) }
        return config
    }

    /// TOMLKit's tree as plain values; a syntax error keeps TOMLKit's line and column.
    static func syntaxTree(_ text: String, path: String) throws -> [String: TOMLNode] {
        do {
            return TOMLNode.dictionary(try TOMLTable(string: text))
        } catch let error as TOMLParseError {
            let begin = error.source.begin
            let description = error.description.split(whereSeparator: \.isNewline).joined(separator: " ")
            var message = "TOML syntax error: \(description)"
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if begin.line >= 1, begin.line <= lines.count {
                let source = lines[begin.line - 1].drop { $0 == " " || $0 == "\t" }
                if source.hasPrefix("[models."), !source.contains("\"") {
                    message += " (put the model name in quotes: [models.\"openai:gpt-4o\"])"
                }
            }
            throw ConfigIssue(line: max(begin.line, 1), column: max(begin.column, 1), message: message).error(path: path)
        }
    }
}

extension ConfigReader {
    /// `[aliases]`: every value must be `provider:model`.
    mutating func aliases(_ root: [String: TOMLNode]) -> [String: String] {
        guard let table = table(root["aliases"], at: ["aliases"]) else { return [:] }
        var out: [String: String] = [:]
        for name in table.keys {
            guard let target = string(table, name, at: ["aliases"]) else { continue }
            guard let ref = ModelRef(parsing: target) else {
                fail(["aliases", name], "alias '\(name)' must name provider:model, e.g. \"openai:gpt-4o-mini\" (got \"\(target)\")")
                continue
            }
            out[name] = ref.description
        }
        return out
    }

    /// A model choice: `provider:model` or an alias name.
    mutating func modelChoice(_ root: [String: TOMLNode], _ key: String, aliases: [String: String]) -> String? {
        guard let value = string(root, key, at: []) else { return nil }
        return checkedModel(value, at: [key], what: key, aliases: aliases)
    }

    mutating func fallback(_ root: [String: TOMLNode], aliases: [String: String]) -> [String] {
        guard let values = stringArray(root, "fallback", at: []) else { return [] }
        return values.compactMap { checkedModel($0, at: ["fallback"], what: "each fallback entry", aliases: aliases) }
    }

    mutating func checkedModel(_ value: String, at path: [String], what: String, aliases: [String: String]) -> String? {
        if aliases[value] != nil { return value }
        guard let ref = ModelRef(parsing: value) else {
            fail(path, "\(what) must be provider:model (e.g. \"openai:gpt-4o-mini\") or an alias from [aliases] (got \"\(value)\")")
            return nil
        }
        return ref.description
    }

    /// `[models."provider:model"]`: per-model defaults.
    mutating func models(_ root: [String: TOMLNode]) -> [String: ModelDefaults] {
        guard let table = table(root["models"], at: ["models"]) else { return [:] }
        var out: [String: ModelDefaults] = [:]
        for key in table.keys {
            let path = ["models", key]
            guard let ref = ModelRef(parsing: key) else {
                fail(path, "[models] entries are named provider:model in quotes, e.g. [models.\"openai:gpt-4o\"] (got '\(key)')")
                continue
            }
            guard let fields = self.table(table[key], at: path) else { continue }
            allowOnly(fields, at: path, keys: ["temperature", "max_tokens", "system", "reasoning", "tools"])
            out[ref.description] = ModelDefaults(
                temperature: number(fields, "temperature", at: path, range: 0...2),
                maxTokens: integer(fields, "max_tokens", at: path, range: 1...10_000_000),
                system: string(fields, "system", at: path, nonEmpty: false),
                reasoning: reasoning(fields, at: path),
                tools: stringArray(fields, "tools", at: path) ?? [])
        }
        return out
    }

    /// `[repl]`.
    mutating func repl(_ root: [String: TOMLNode]) -> REPLConfig {
        guard let table = table(root["repl"], at: ["repl"]) else { return REPLConfig() }
        let path = ["repl"]
        allowOnly(table, at: path, keys: ["summary", "editor", "history_size", "save_history", "color"])
        var repl = REPLConfig(summary: bool(table, "summary", at: path),
                              historySize: integer(table, "history_size", at: path, range: 0...1_000_000),
                              saveHistory: bool(table, "save_history", at: path), color: bool(table, "color", at: path))
        if let editor = string(table, "editor", at: path) {
            let modes = REPLConfig.EditorMode.allCases.map(\.rawValue)
            if let mode = REPLConfig.EditorMode(rawValue: editor.lowercased()) {
                repl.editor = mode
            } else {
                fail(path + ["editor"], "editor must be \"emacs\" or \"vi\" (got \"\(editor)\")\(Suggestion.closest(to: editor, in: modes).map { " (did you mean '\($0)'?)" } ?? "")")
            }
        }
        return repl
    }

    /// `[network]`: only checked here; the transport applies the values.
    mutating func network(_ root: [String: TOMLNode]) -> NetworkConfig {
        guard let table = table(root["network"], at: ["network"]) else { return NetworkConfig() }
        let path = ["network"]
        allowOnly(table, at: path, keys: ["connect_timeout", "first_token_timeout", "idle_timeout", "timeout",
                                          "retries", "max_connections", "max_host_connections", "max_retry_wait",
                                          "breaker_threshold", "breaker_cooldown"])
        let seconds = 0.0...86_400.0
        return NetworkConfig(
            connectTimeout: number(table, "connect_timeout", at: path, range: seconds, unit: " seconds"),
            firstTokenTimeout: number(table, "first_token_timeout", at: path, range: seconds, unit: " seconds"),
            idleTimeout: number(table, "idle_timeout", at: path, range: seconds, unit: " seconds"),
            totalTimeout: number(table, "timeout", at: path, range: seconds, unit: " seconds"),
            retries: integer(table, "retries", at: path, range: 0...20),
            maxConnections: integer(table, "max_connections", at: path, range: 1...10_000),
            maxHostConnections: integer(table, "max_host_connections", at: path, range: 1...10_000),
            maxRetryWait: number(table, "max_retry_wait", at: path, range: seconds, unit: " seconds"),
            breakerThreshold: integer(table, "breaker_threshold", at: path, range: 0...1_000),
            breakerCooldown: number(table, "breaker_cooldown", at: path, range: seconds, unit: " seconds"))
    }
}
