/// Warnings about a config file that is valid but risky.
public enum ConfigWarnings {
    /// A file holding a literal key (`api_key = "…"`) that its group or others can read.
    /// - Parameter mode: the file's permission bits (`st_mode`).
    public static func literalKey(_ config: LLMConfig, path: String, mode: UInt32) -> String? {
        guard config.hasLiteralKey, mode & 0o044 != 0 else { return nil }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return "\(name) holds a literal key and is readable by others: chmod 600 \(path)"
    }
}
