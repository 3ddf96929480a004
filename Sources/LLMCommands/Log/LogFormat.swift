import ConversationLog
import Foundation
import LLMCore
import Terminal

/// How `llmctl log` shows exchanges to a person.
enum LogFormat {
    /// `#12  12-03 11:50  openai:gpt-4o-mini  What is TCP? → A transport…  ttft 120 ms · 1.20 s · 34 tok · reused`
    static func line(_ e: ExchangeSummary, terminal: TerminalCapabilities) -> String {
        var parts = ["#\(e.id)", shortTime(e.createdAt), e.model ?? "?",
                     words(e.prompt, 8) + " → " + (e.errorKind.map { "[\($0)]" } ?? words(e.reply, 8))]
        var figures: [String] = []
        if let ttft = e.ttftMs { figures.append("ttft \(StatsFormatter.ms(ttft))") }
        if let total = e.totalMs { figures.append(StatsFormatter.ms(total)) }
        if let tokens = e.outputTokens { figures.append("\(tokens) tok") }
        if let reused = e.connectionReused { figures.append(reused ? "reused" : "new conn") }
        if !figures.isEmpty { parts.append(figures.joined(separator: " · ")) }
        let text = parts.joined(separator: "  ")
        return terminal.stdoutIsTTY ? TerminalText.visible(text) : text
    }

    /// The whole exchange: header, system prompt, the turn's messages, the reply, the stored result.
    static func detail(_ e: ExchangeSummary, terminal: TerminalCapabilities) -> String {
        var out = "exchange #\(e.id) · conversation \(e.conversationID) · \(e.command) · \(e.model ?? "?") · \(LogRecord.iso8601(e.createdAt))\n"
        if let system = e.system { out += "\nsystem: \(system)\n" }
        for message in e.request { out += "\n" + render(message) }
        if let reply = e.replyMessage { out += "\n" + render(reply) }
        if let error = e.errorKind { out += "\nerror (\(error))\n" }
        if let ttft = e.ttftMs, let total = e.totalMs {
            out += "\nttft \(StatsFormatter.ms(ttft)) · total \(StatsFormatter.ms(total))"
            out += (e.outputTokens.map { " · \($0) tokens" } ?? "") + (e.connectionReused.map { $0 ? " · reused connection" : " · new connection" } ?? "") + "\n"
        }
        return terminal.stdoutIsTTY ? TerminalText.visible(out) : out
    }

    static func render(_ message: ChatMessage) -> String {
        var lines: [String] = []
        for part in message.parts {
            switch part {
            case .text(let text): lines.append(text)
            case .image(let image): lines.append("[\(image.mediaType) image]")
            case .toolCall(let call): lines.append(ToolCallLine.call(call))
            case .toolResult(let result): lines.append(ToolCallLine.result(result))
            case .reasoning(let block): if !block.text.isEmpty { lines.append("(reasoning) " + block.text) }
            }
        }
        return "\(message.role.rawValue):\n" + lines.joined(separator: "\n") + "\n"
    }

    static func statsTable(_ stats: [ModelStats]) -> String {
        let rows = stats.map { s -> [String] in
            [s.model, String(s.count), s.ttftP50.map(StatsFormatter.ms) ?? "-", s.ttftP95.map(StatsFormatter.ms) ?? "-",
             s.totalP50.map(StatsFormatter.ms) ?? "-", s.totalP95.map(StatsFormatter.ms) ?? "-",
             s.tokensPerSecond.map { String(format: "%.1f", $0) } ?? "-",
             s.reusePercent.map { String(format: "%.0f%%", $0) } ?? "-",
             s.errors.isEmpty ? "-" : s.errors.keys.sorted().map { "\($0) \(s.errors[$0] ?? 0)" }.joined(separator: ", ")]
        }
        return TextTable.render(header: ["model", "count", "ttft p50", "ttft p95", "total p50", "total p95", "tok/s", "reuse", "errors"],
                                rows: rows)
    }

    static func conversationLine(_ c: ConversationSummary) -> String {
        "\(c.id)  \(shortTime(c.lastAt))  \(c.exchanges) exchange\(c.exchanges == 1 ? "" : "s")" + (c.name.map { "  [\($0)]" } ?? "")
            + "  " + words(c.firstPrompt, 10)
    }

    static func shortTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// The first `count` words on one line.
    static func words(_ text: String, _ count: Int) -> String {
        let all = text.split(whereSeparator: \.isWhitespace)
        return all.prefix(count).joined(separator: " ") + (all.count > count ? "…" : "")
    }
}
