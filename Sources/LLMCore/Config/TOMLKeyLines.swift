/// The line on which each key of a TOML document is written.
///
/// TOMLKit reports positions for syntax errors only, so this scans the (already validated) source
/// once more to give semantic errors — unknown keys, wrong types — a line number. It understands just
/// enough TOML to skip strings, arrays and inline tables; it never rejects input.
struct TOMLKeyLines: Sendable {
    private var lines: [[String]: Int] = [:]

    init(_ text: String) {
        var scanner = Scanner(bytes: Array(text.utf8))
        scanner.document()
        lines = scanner.lines
    }

    /// The line of `path`, else of its longest recorded prefix (the section header), else 1.
    func line(_ path: [String]) -> Int {
        var prefix = path
        while !prefix.isEmpty {
            if let line = lines[prefix] { return line }
            prefix.removeLast()
        }
        return 1
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var lines: [[String]: Int] = [:]

        init(bytes: [UInt8]) { self.bytes = bytes }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        func starts(with text: String) -> Bool {
            let pattern = Array(text.utf8)
            return index + pattern.count <= bytes.count && Array(bytes[index..<index + pattern.count]) == pattern
        }

        mutating func advance(_ count: Int = 1) {
            for _ in 0..<count where index < bytes.count {
                if bytes[index] == UInt8(ascii: "\n") { line += 1 }
                index += 1
            }
        }

        /// Records the path and its parents: `[a.b]` or `a.b = 1` first mentions `a` on this line too.
        mutating func record(_ path: [String], at line: Int) {
            for length in stride(from: path.count, through: 1, by: -1) where lines[Array(path.prefix(length))] == nil {
                lines[Array(path.prefix(length))] = line
            }
        }

        mutating func skipSpaces() {
            while let c = peek, c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") { advance() }
        }

        /// Spaces, newlines and comments (between array elements and between statements).
        mutating func skipBlank() {
            while let c = peek {
                if c == UInt8(ascii: "#") {
                    while let d = peek, d != UInt8(ascii: "\n") { advance() }
                } else if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") || c == UInt8(ascii: "\n") {
                    advance()
                } else {
                    return
                }
            }
        }

        mutating func document() {
            var current: [String] = []
            while true {
                skipBlank()
                guard let c = peek else { return }
                let start = index
                if c == UInt8(ascii: "[") {
                    let isArray = starts(with: "[[")
                    advance(isArray ? 2 : 1)
                    let headerLine = line
                    current = key()
                    record(current, at: headerLine)
                    while let d = peek, d != UInt8(ascii: "\n") { advance() }
                } else {
                    keyValue(prefix: current)
                }
                if index == start { advance() }
            }
        }

        mutating func keyValue(prefix: [String]) {
            let keyLine = line
            let path = prefix + key()
            record(path, at: keyLine)
            skipSpaces()
            if peek == UInt8(ascii: "=") { advance() }
            skipSpaces()
            value(path)
        }

        /// A dotted key: bare, "basic" or 'literal' parts.
        mutating func key() -> [String] {
            var parts: [String] = []
            repeat {
                if peek == UInt8(ascii: ".") { advance() }
                skipSpaces()
                if peek == UInt8(ascii: "\"") || peek == UInt8(ascii: "'") {
                    parts.append(quoted())
                } else {
                    let start = index
                    while let c = peek, isBare(c) { advance() }
                    parts.append(String(decoding: bytes[start..<index], as: UTF8.self))
                }
                skipSpaces()
            } while peek == UInt8(ascii: ".")
            return parts
        }

        func isBare(_ c: UInt8) -> Bool {
            (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
        }

        /// A one-line string; returns its text with the common escapes decoded.
        mutating func quoted() -> String {
            guard let quote = peek else { return "" }
            advance()
            var out: [UInt8] = []
            while let c = peek, c != quote, c != UInt8(ascii: "\n") {
                if quote == UInt8(ascii: "\""), c == UInt8(ascii: "\\") {
                    advance()
                    if let e = peek { out.append(e == UInt8(ascii: "t") ? 9 : e == UInt8(ascii: "n") ? 10 : e) }
                } else {
                    out.append(c)
                }
                advance()
            }
            advance()
            return String(decoding: out, as: UTF8.self)
        }

        mutating func value(_ path: [String]) {
            guard let c = peek else { return }
            if starts(with: "\"\"\"") || starts(with: "'''") {
                let delimiter = starts(with: "\"\"\"") ? "\"\"\"" : "'''"
                advance(3)
                while peek != nil, !starts(with: delimiter) {
                    if delimiter == "\"\"\"", peek == UInt8(ascii: "\\") { advance() }
                    advance()
                }
                advance(3)
                // Up to two quotes may end the content right before the delimiter.
                while starts(with: String(delimiter.prefix(1))) { advance() }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                _ = quoted()
            } else if c == UInt8(ascii: "[") {
                advance()
                while true {
                    skipBlank()
                    guard let d = peek, d != UInt8(ascii: "]") else { break }
                    let start = index
                    value(path)
                    skipBlank()
                    if peek == UInt8(ascii: ",") { advance() }
                    if index == start { advance() }
                }
                advance()
            } else if c == UInt8(ascii: "{") {
                advance()
                while true {
                    skipSpaces()
                    guard let d = peek, d != UInt8(ascii: "}"), d != UInt8(ascii: "\n") else { break }
                    let start = index
                    keyValue(prefix: path)
                    skipSpaces()
                    if peek == UInt8(ascii: ",") { advance() }
                    if index == start { advance() }
                }
                advance()
            } else {
                let stops: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"),
                                         UInt8(ascii: "\n"), UInt8(ascii: "#")]
                while let d = peek, !stops.contains(d) { advance() }
            }
        }
    }
}
