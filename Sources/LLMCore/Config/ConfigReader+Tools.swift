extension ConfigReader {
    /// `[tools.NAME]`: description, parameters (an inline table or a path to a JSON Schema file),
    /// command (an argv array), confirm, timeout.
    mutating func tools(_ root: [String: TOMLNode]) -> [String: ToolConfig] {
        guard let table = table(root["tools"], at: ["tools"]) else { return [:] }
        var out: [String: ToolConfig] = [:]
        for name in table.keys.sorted() {
            let path = ["tools", name]
            guard ToolName.isValid(name) else {
                fail(path, "tool names may use letters, digits, '_' and '-' (at most 64), as providers require (got '\(name)')")
                continue
            }
            guard let fields = self.table(table[name], at: path) else { continue }
            allowOnly(fields, at: path, keys: ["description", "parameters", "command", "confirm", "timeout"])
            var tool = ToolConfig(name: name, description: string(fields, "description", at: path),
                                  confirm: bool(fields, "confirm", at: path) ?? true,
                                  timeout: number(fields, "timeout", at: path, range: 0.001...86_400, unit: " seconds"),
                                  line: line(path))
            switch fields["parameters"] {
            case .table(let schema)?: tool.parameters = .inline(Self.json(.table(schema)))
            case .string(let file)?: tool.parameters = file.isEmpty ? nil : .file(file)
            case let other?:
                fail(path + ["parameters"], "parameters must be an inline table (JSON Schema) or the path of a JSON Schema file (got \(other.typeName))")
            case nil: break
            }
            if let argv = stringArray(fields, "command", at: path) {
                if argv.isEmpty || argv[0].isEmpty {
                    fail(path + ["command"], "command must name a program, e.g. [\"/usr/local/bin/weather\", \"--json\"]")
                } else {
                    tool.command = argv
                }
            }
            out[name] = tool
        }
        return out
    }

    /// Every `tools = [...]` entry of a `[models."…"]` table must name a `[tools.NAME]` table.
    mutating func checkModelTools(_ models: [String: ModelDefaults], known: [String: ToolConfig], root: [String: TOMLNode]) {
        guard case .table(let table)? = root["models"] else { return }
        for key in table.keys {
            guard let ref = ModelRef(parsing: key), let defaults = models[ref.description] else { continue }
            for name in defaults.tools where known[name] == nil {
                fail(["models", key, "tools"], "tools names '\(name)', which has no [tools.\(Self.quotedKey(name))] table\(Suggestion.hint(for: name, in: Array(known.keys)))")
            }
        }
    }

    /// `reasoning = "off" | "low" | "medium" | "high"` or a token budget.
    mutating func reasoning(_ table: [String: TOMLNode], at section: [String]) -> ReasoningSetting? {
        guard let node = table["reasoning"] else { return nil }
        let setting: ReasoningSetting?
        switch node {
        case .string(let text): setting = ReasoningSetting(text)
        case .integer(let tokens): setting = ReasoningSetting(String(tokens))
        default: setting = nil
        }
        if setting == nil {
            fail(section + ["reasoning"], "reasoning must be \"off\", \"low\", \"medium\", \"high\" or a token budget like 2048 (got \(node.typeName))")
        }
        return setting
    }

    /// A TOML value as JSON (keys sorted, since TOML tables have no order worth keeping).
    static func json(_ node: TOMLNode) -> JSONValue {
        switch node {
        case .table(let table): .object(table.keys.sorted().map { JSONMember(key: $0, value: json(table[$0]!)) })
        case .array(let items): .array(items.map(json))
        case .string(let text): .string(text)
        case .integer(let value): .number(value)
        case .float(let value): .double(value)
        case .boolean(let value): .bool(value)
        case .other: .null
        }
    }
}

/// What providers accept as a function name: OpenAI and Anthropic allow `^[a-zA-Z0-9_-]{1,64}$`.
public enum ToolName {
    public static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64 && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
    }
}
