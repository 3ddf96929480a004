import Foundation

/// Where the conversation log lives, and whether this run writes to it.
public enum LogLocation {
    /// `$XDG_DATA_HOME/llmctl/logs.db`, else `~/.local/share/llmctl/logs.db` (a relative XDG_DATA_HOME is
    /// invalid and ignored, as XDG says).
    public static func path(environment: [String: String]) -> String {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/llmctl/logs.db" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/llmctl/logs.db"
    }

    /// False when `LLMCTL_LOG` turns logging off (`0`, `false`, `off`, `no`).
    public static func enabledByEnvironment(_ environment: [String: String]) -> Bool {
        guard let value = environment["LLMCTL_LOG"]?.lowercased() else { return true }
        return !["0", "false", "off", "no"].contains(value)
    }
}

/// `7d`, `12h`, `90m`, `30s`, `2w` as seconds.
public enum AgeText {
    public static func seconds(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let number = Double(text.dropLast()), number >= 0, number.isFinite else { return nil }
        switch unit {
        case "s": return number
        case "m": return number * 60
        case "h": return number * 3600
        case "d": return number * 86_400
        case "w": return number * 7 * 86_400
        default: return nil
        }
    }
}
