import Foundation
import LLMCore

/// REPL history on disk: one entry per line (newlines escaped), appended as each entry is entered so
/// concurrent sessions and crashes lose nothing, trimmed to `limit` on load, always mode 0600.
/// Secrets never reach it: entries are scrubbed with the redactor, and key-looking lines are dropped.
public struct HistoryStore: Sendable {
    public var path: String
    public var limit: Int
    public var redactor: Redactor

    public init(path: String, limit: Int = 1000, redactor: Redactor = Redactor()) {
        self.path = path
        self.limit = max(1, limit)
        self.redactor = redactor
    }

    /// What to remember for a submitted message, or nil when it must not be stored: blank lines, lines
    /// typed with a leading space (the shell convention for "don't remember this"), and key-looking lines.
    public func entry(for line: String) -> String? {
        guard !line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, !line.hasPrefix(" ") else { return nil }
        let scrubbed = redactor.scrub(line)
        return SecretHeuristics.looksLikeSecret(scrubbed) ? nil : scrubbed
    }

    /// The stored entries, oldest first, at most `limit` (rewriting the file when it grew past that).
    public func load() -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        let entries = lines.map { Self.decode(String($0)) }
            // A file from an older run may predate a stricter filter: never bring a secret back.
            .filter { entry(for: $0) == $0 }
        guard lines.count > limit || entries.count != lines.count else { return entries }
        let kept = Array(entries.suffix(limit))
        try? rewrite(kept)
        return kept
    }

    /// Appends one entry (already passed through `entry(for:)`).
    public func append(_ entry: String) throws {
        try ensureDirectory()
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw HistoryError(path: path, errno: errno) }
        defer { close(fd) }
        // A file created by something else (or an older version) may be wider than 0600.
        fchmod(fd, 0o600)
        let bytes = Array((Self.encode(entry) + "\n").utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        if written != bytes.count { throw HistoryError(path: path, errno: errno) }
    }

    /// Replaces the file with `entries`, atomically (temporary file + rename), mode 0600.
    public func rewrite(_ entries: [String]) throws {
        try ensureDirectory()
        let text = entries.map { Self.encode($0) + "\n" }.joined()
        try SecureFile.write(Data(text.utf8), to: path)
    }

    private func ensureDirectory() throws {
        try SecureFile.makeDirectory((path as NSString).deletingLastPathComponent)
    }

    /// Escapes backslashes and line breaks so one entry is one line.
    static func encode(_ entry: String) -> String {
        var out = ""
        for ch in entry.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    static func decode(_ line: String) -> String {
        var out = ""
        var escaped = false
        for ch in line.unicodeScalars {
            if escaped {
                switch ch {
                case "n": out += "\n"
                case "r": out += "\r"
                default: out.unicodeScalars.append(ch)
                }
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

/// The history file could not be written.
public struct HistoryError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var errno: Int32
    public var description: String { "cannot write history file \(path): \(String(cString: strerror(errno)))" }
}

/// Recognises text that looks like a credential, so it is never stored.
public enum SecretHeuristics {
    /// Prefixes of well-known key formats (OpenAI, Anthropic, AWS, GitHub, Slack, Google, Groq …).
    static let prefixes = ["sk-", "sk_", "rk-", "pk_live_", "AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_", "github_pat_",
                           "xoxb-", "xoxp-", "AIza", "gsk_", "hf_", "pplx-", "r8_", "glpat-"]

    /// True when any word of `text` looks like a key, a bearer token, a private key block or a
    /// `*_KEY=value` assignment.
    public static func looksLikeSecret(_ text: String) -> Bool {
        if text.contains("PRIVATE KEY-----") { return true }
        let words = text.split(whereSeparator: { $0.isWhitespace || $0 == "\"" || $0 == "'" || $0 == "`" })
        for (index, raw) in words.enumerated() {
            let word = String(raw)
            if index > 0, words[index - 1].lowercased() == "bearer", word.count >= 16 { return true }
            if let eq = word.firstIndex(of: "=") {
                let name = word[..<eq].uppercased()
                let value = word[word.index(after: eq)...]
                if ["KEY", "TOKEN", "SECRET", "PASSWORD"].contains(where: { name.contains($0) }), value.count >= 8 { return true }
            }
            if isKeyLike(word) { return true }
        }
        return false
    }

    /// A single token shaped like a key: a known prefix with a long body, or a long mixed-case
    /// alphanumeric run (hex hashes and ordinary words are not flagged).
    static func isKeyLike(_ word: String) -> Bool {
        let keyChars = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_+=/."))
        guard word.unicodeScalars.allSatisfy({ keyChars.contains($0) && $0.isASCII }) else { return false }
        if word.count >= 20, prefixes.contains(where: { word.hasPrefix($0) }) { return true }
        guard word.count >= 32, !word.contains("/"), !word.contains(".") else { return false }
        let hasLower = word.contains { $0.isLowercase }
        let hasUpper = word.contains { $0.isUppercase }
        let hasDigit = word.contains { $0.isNumber }
        return hasLower && hasUpper && hasDigit
    }
}
