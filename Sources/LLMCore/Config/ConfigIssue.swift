/// One problem found in the config file, at a line.
struct ConfigIssue: Sendable, Hashable {
    var line: Int
    var column: Int?
    var message: String

    /// `path:line: message` (or `path:line:column: message`), the form editors and terminals link to.
    func error(path: String, more: Int = 0) -> ConfigError {
        let position = column.map { "\(line):\($0)" } ?? "\(line)"
        let tail = more > 0 ? " (and \(more) more problem\(more == 1 ? "" : "s") after this one)" : ""
        return ConfigError(message: "\(path):\(position): \(message)\(tail)")
    }
}

/// "Did you mean …?" for misspelt keys and values.
enum Suggestion {
    /// The closest candidate within a small edit distance, if any.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        let scored = candidates.map { ($0, distance(lowered, $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        let limit = max(2, word.count / 3)
        return best.1 <= limit && best.1 < max(word.count, 1) ? best.0 : nil
    }

    /// ` (did you mean 'x'?)`, else ` (expected one of: a, b, c)`.
    static func hint(for word: String, in candidates: [String]) -> String {
        if let best = closest(to: word, in: candidates) { return " (did you mean '\(best)'?)" }
        return " (expected one of: \(candidates.joined(separator: ", ")))"
    }

    /// Levenshtein distance, with a transposition counted as one edit.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { rows[i][0] = i }
        for j in 0...b.count { rows[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
                }
            }
        }
        return rows[a.count][b.count]
    }
}
