import Foundation

/// The profiles of an AWS shared credentials or config file (INI), as botocore reads them.
struct AWSProfileFile: Sendable, Hashable {
    /// Profile name → its keys (lower-cased) and values.
    var profiles: [String: [String: String]]

    /// Parses `text`; `isConfigFile` selects the config file's `[profile NAME]` section names.
    init(_ text: String, isConfigFile: Bool) {
        var profiles: [String: [String: String]] = [:]
        var current: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            // Indented lines continue a nested block (`s3 =` then `  max_concurrent_requests = 5`); no
            // credential or region setting lives there, so they are skipped.
            if let first = rawLine.first, first == " " || first == "\t" { continue }
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                current = Self.profileName(section: String(line.dropFirst().dropLast()), isConfigFile: isConfigFile)
                if let current, profiles[current] == nil { profiles[current] = [:] }
                continue
            }
            guard let current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            profiles[current, default: [:]][key] = value
        }
        self.profiles = profiles
    }

    /// The profile a section header names, or nil for sections that are not profiles (`[sso-session x]`).
    private static func profileName(section: String, isConfigFile: Bool) -> String? {
        let words = section.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard isConfigFile else { return section.trimmingCharacters(in: .whitespaces) }
        if words.count == 1, words[0] == "default" { return "default" }
        if words.count == 2, words[0] == "profile" { return String(words[1]) }
        return nil
    }
}
