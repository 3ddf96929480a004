import TOMLKit

/// A parsed TOML value as plain Swift data, so nothing of TOMLKit's reference types escapes the parser.
indirect enum TOMLNode: Sendable, Hashable {
    case table([String: TOMLNode])
    case array([TOMLNode])
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    /// Dates and times, which no config key takes.
    case other

    init(_ value: any TOMLValueConvertible) {
        if let table = value.table {
            self = .table(TOMLNode.dictionary(table))
        } else if let array = value.array {
            self = .array(array.map { TOMLNode($0) })
        } else if let string = value.string {
            self = .string(string)
        } else if value.type == .int, let int = value.int {
            self = .integer(int)
        } else if let double = value.double {
            self = .float(double)
        } else if let bool = value.bool {
            self = .boolean(bool)
        } else {
            self = .other
        }
    }

    static func dictionary(_ table: TOMLTable) -> [String: TOMLNode] {
        var out: [String: TOMLNode] = [:]
        for (key, value) in table { out[key] = TOMLNode(value) }
        return out
    }

    /// "a string", "an integer" … for type errors.
    var typeName: String {
        switch self {
        case .table: "a table"
        case .array: "an array"
        case .string(let s): "the string \"\(s.count > 30 ? String(s.prefix(30)) + "…" : s)\""
        case .integer(let i): "the integer \(i)"
        case .float(let d): "the number \(d)"
        case .boolean(let b): "\(b)"
        case .other: "a date or time"
        }
    }
}

/// Typed reads from the TOML tree that record a line-numbered issue instead of failing at once, so
/// the first problem in the file (by line) is the one reported.
struct ConfigReader {
    let lines: TOMLKeyLines
    private(set) var issues: [ConfigIssue] = []

    init(lines: TOMLKeyLines) { self.lines = lines }

    func line(_ path: [String]) -> Int { lines.line(path) }

    mutating func fail(_ path: [String], _ message: String) {
        issues.append(ConfigIssue(line: line(path), message: message))
    }

    /// Reports every key of `table` not in `allowed`, with a suggestion.
    mutating func allowOnly(_ table: [String: TOMLNode], at section: [String], keys allowed: [String]) {
        for key in table.keys where !allowed.contains(key) {
            let place = section.isEmpty ? "" : " in \(Self.sectionName(section))"
            fail(section + [key], "unknown key '\(key)'\(place)\(Suggestion.hint(for: key, in: allowed))")
        }
    }

    mutating func table(_ node: TOMLNode?, at path: [String]) -> [String: TOMLNode]? {
        guard let node else { return nil }
        guard case .table(let table) = node else {
            fail(path, "\(Self.keyName(path)) must be a table ([\(Self.dotted(path))]) (got \(node.typeName))")
            return nil
        }
        return table
    }

    mutating func string(_ table: [String: TOMLNode], _ key: String, at section: [String], nonEmpty: Bool = true) -> String? {
        guard let node = table[key] else { return nil }
        guard case .string(let value) = node else {
            fail(section + [key], "\(key) must be a string in quotes (got \(node.typeName))")
            return nil
        }
        if nonEmpty, value.allSatisfy(\.isWhitespace) {
            fail(section + [key], "\(key) must not be empty")
            return nil
        }
        return value
    }

    mutating func bool(_ table: [String: TOMLNode], _ key: String, at section: [String]) -> Bool? {
        guard let node = table[key] else { return nil }
        guard case .boolean(let value) = node else {
            fail(section + [key], "\(key) must be true or false (got \(node.typeName))")
            return nil
        }
        return value
    }

    mutating func number(_ table: [String: TOMLNode], _ key: String, at section: [String],
                         range: ClosedRange<Double>, unit: String = "") -> Double? {
        guard let node = table[key] else { return nil }
        let bounds = "between \(Self.format(range.lowerBound)) and \(Self.format(range.upperBound))\(unit)"
        let value: Double
        switch node {
        case .integer(let i): value = Double(i)
        case .float(let d): value = d
        default:
            fail(section + [key], "\(key) must be a number \(bounds) (got \(node.typeName))")
            return nil
        }
        guard range.contains(value) else {
            fail(section + [key], "\(key) must be \(bounds) (got \(Self.format(value)))")
            return nil
        }
        return value
    }

    mutating func integer(_ table: [String: TOMLNode], _ key: String, at section: [String],
                          range: ClosedRange<Int>) -> Int? {
        guard let node = table[key] else { return nil }
        guard case .integer(let value) = node else {
            fail(section + [key], "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound) (got \(node.typeName))")
            return nil
        }
        guard range.contains(value) else {
            fail(section + [key], "\(key) must be from \(range.lowerBound) to \(range.upperBound) (got \(value))")
            return nil
        }
        return value
    }

    mutating func stringArray(_ table: [String: TOMLNode], _ key: String, at section: [String]) -> [String]? {
        guard let node = table[key] else { return nil }
        guard case .array(let items) = node else {
            fail(section + [key], "\(key) must be an array of strings, e.g. [\"openai:gpt-4o-mini\"] (got \(node.typeName))")
            return nil
        }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item else {
                fail(section + [key], "\(key) must hold only strings (found \(item.typeName))")
                return nil
            }
            out.append(s)
        }
        return out
    }

    /// `[endpoints.work]`, `[models."openai:gpt-4o"]`.
    static func sectionName(_ path: [String]) -> String { "[\(dotted(path))]" }

    static func dotted(_ path: [String]) -> String { path.map(quotedKey).joined(separator: ".") }

    static func keyName(_ path: [String]) -> String { path.last.map(quotedKey) ?? "" }

    /// A key as TOML requires it written: bare when it can be, else in double quotes.
    static func quotedKey(_ key: String) -> String {
        let bare = !key.isEmpty && key.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
        return bare ? key : TOMLText.quoted(key)
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
