import LLMClient
import LLMCore

/// The JSON of one result: a batch output line, and the per-model objects of `compare --json`.
///
/// Field names follow `ask --json`: `usage`, `timing` (`ttft_ms`, `total_ms`, `tokens_per_s`),
/// `connection` (`reused`, `http_version`, …), `attempts`, and `error` (`message`, `kind`, `exit_code`,
/// `http_status`).
enum BatchRecord {
    /// A batch line for an answered item.
    static func success(id: JSONValue, _ result: ChatResult) -> JSONValue {
        var members = [JSONMember(key: "id", value: id),
                       JSONMember(key: "model", value: .string(result.model.description)),
                       JSONMember(key: "text", value: .string(result.text))]
        members += details(result)
        return .object(members)
    }

    /// A batch line for a failed item. `partial` is what arrived before the failure (nil when no
    /// request was made, e.g. the model did not resolve); `requested` names the model asked for.
    static func failure(id: JSONValue, _ report: ErrorReport, partial: ChatResult?, requested: String?) -> JSONValue {
        let model = partial.map { $0.model.description } ?? requested
        var members = [JSONMember(key: "id", value: id),
                       JSONMember(key: "model", value: model.map(JSONValue.string) ?? .null),
                       JSONMember(key: "error", value: error(report))]
        if let partial {
            if !partial.text.isEmpty { members.append(JSONMember(key: "partial_text", value: .string(partial.text))) }
            members += details(partial)
        }
        return .object(members)
    }

    /// finish_reason, usage, timing, connection, attempts.
    static func details(_ result: ChatResult) -> [JSONMember] {
        [JSONMember(key: "finish_reason", value: result.finishReason.map(JSONValue.string) ?? .null),
         JSONMember(key: "usage", value: usage(result.usage)),
         JSONMember(key: "timing", value: timing(result.stats)),
         JSONMember(key: "connection", value: result.stats.connection.map(connection) ?? .null),
         JSONMember(key: "attempts", value: attempts(result.stats.attempts))]
    }

    static func usage(_ usage: Usage?) -> JSONValue {
        let total = usage?.totalTokens ?? usage.flatMap { u in u.inputTokens.flatMap { i in u.outputTokens.map { i + $0 } } }
        return .object(["input_tokens": .optional(usage?.inputTokens.map(JSONValue.number)),
                        "output_tokens": .optional(usage?.outputTokens.map(JSONValue.number)),
                        "total_tokens": .optional(total.map(JSONValue.number))])
    }

    static func timing(_ s: RequestStats) -> JSONValue {
        .object(["ttft_ms": .optional(s.ttftMs.map(JSONValue.number)),
                 "total_ms": .number(s.totalMs),
                 "tokens_per_s": .optional(s.tokensPerSecond.map(JSONValue.number))])
    }

    static func connection(_ c: ConnectionStats) -> JSONValue {
        .object(["reused": .bool(c.reused), "http_version": .string(c.httpVersion),
                 "dns_ms": .number(c.dnsMs), "connect_ms": .number(c.connectMs), "tls_ms": .number(c.tlsMs),
                 "first_byte_ms": .number(c.firstByteMs), "local_port": .number(c.localPort),
                 "remote_ip": .string(c.remoteIP)])
    }

    static func attempts(_ list: [AttemptRecord]) -> JSONValue {
        .array(list.map { a in
            .object(["model": .string(a.model), "outcome": .string(a.outcome),
                     "status": .optional(a.status.map(JSONValue.number)), "waited_ms": .number(a.waitedMs),
                     "reused_connection": .optional(a.reusedConnection.map(JSONValue.bool))])
        })
    }

    static func error(_ report: ErrorReport) -> JSONValue {
        .object(["message": .string(report.message), "kind": .string(report.kind),
                 "exit_code": .number(Int(report.status.rawValue)),
                 "http_status": .optional(report.httpStatus.map(JSONValue.number))])
    }
}
