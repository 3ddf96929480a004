import LLMCore

/// One-line renderings of a tool call and its result, for the terminal and stderr.
public enum ToolCallLine {
    /// The longest line shown; the full text is in `--json` and the session.
    static let limit = 160

    /// `→ get_weather {"city":"Paris"}`
    public static func call(_ call: ToolCall) -> String {
        cut("→ \(call.name) \(oneLine(call.arguments.isEmpty ? "{}" : call.arguments))")
    }

    /// `← get_weather: 18°C, sunny` or `← get_weather failed: exit status 2`
    public static func result(_ result: ToolResult) -> String {
        let text = oneLine(result.content)
        return cut("← \(result.name)\(result.isError ? " failed" : ""): \(text.isEmpty ? "(no output)" : text)")
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ⏎ ")
    }

    static func cut(_ line: String) -> String {
        line.count <= limit ? line : String(line.prefix(limit - 1)) + "…"
    }
}
