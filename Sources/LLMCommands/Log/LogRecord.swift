import ConversationLog
import Foundation
import LLMCore

/// `log --json`: the exchange's stored result (the same object as `ask --json`) after the conversation
/// fields: `log_id`, `conversation_id`, `comparison_id`, `time`, `command`, `system`, `prompt`.
enum LogRecord {
    static func line(_ exchange: ExchangeSummary) -> String {
        var members: [JSONMember] = [
            JSONMember(key: "log_id", value: .number(Int(exchange.id))),
            JSONMember(key: "conversation_id", value: .string(exchange.conversationID)),
            JSONMember(key: "comparison_id", value: exchange.comparisonID.map(JSONValue.string) ?? .null),
            JSONMember(key: "time", value: .string(iso8601(exchange.createdAt))),
            JSONMember(key: "command", value: .string(exchange.command)),
            JSONMember(key: "system", value: exchange.system.map(JSONValue.string) ?? .null),
            JSONMember(key: "prompt", value: .string(exchange.prompt)),
        ]
        let result = (try? JSONValue.parse(exchange.result))?.members ?? []
        members += result.filter { member in !members.contains { $0.key == member.key } }
        return JSONValue.object(members).jsonText()
    }

    static func stats(_ s: ModelStats) -> JSONValue {
        .object(["model": .string(s.model), "count": .number(s.count),
                 "ttft_p50_ms": .optional(s.ttftP50.map(JSONValue.double)), "ttft_p95_ms": .optional(s.ttftP95.map(JSONValue.double)),
                 "total_p50_ms": .optional(s.totalP50.map(JSONValue.double)), "total_p95_ms": .optional(s.totalP95.map(JSONValue.double)),
                 "tokens_per_s": .optional(s.tokensPerSecond.map(JSONValue.double)),
                 "reuse_percent": .optional(s.reusePercent.map(JSONValue.double)),
                 "errors": .object(s.errors.keys.sorted().map { JSONMember(key: $0, value: .number(s.errors[$0] ?? 0)) })])
    }

    static func conversation(_ c: ConversationSummary) -> JSONValue {
        .object(["conversation_id": .string(c.id), "name": .optional(c.name.map(JSONValue.string)),
                 "created": .string(iso8601(c.createdAt)), "last": .string(iso8601(c.lastAt)),
                 "command": .string(c.command), "exchanges": .number(c.exchanges), "first_prompt": .string(c.firstPrompt)])
    }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
