import LLMClient
import LLMCore

/// The one result object behind `ask --json`, every batch output line and each entry of
/// `compare --json`: the same field names and meanings everywhere (documented once, in the man page).
///
/// `{"model": "openai:gpt-4o-mini", "provider": "openai", "text": …, "reasoning": null | …,
///   "tool_calls": [{id, name, arguments}], "tool_rounds": 0, "finish_reason": …,
///   "usage": {input_tokens, output_tokens, total_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens},
///   "timing": {ttft_ms, first_text_ms, total_ms, tokens_per_s},
///   "connection": {reused, http_version, dns_ms, connect_ms, tls_ms, first_byte_ms, local_port, remote_ip},
///   "attempts": [{model, outcome, status, waited_ms, reused_connection}],
///   "error": null | {message, kind, exit_code, http_status}}`
///
/// On failure `text` holds what was streamed before it; a batch line starts with the item's `id`.
public enum ReplyRecord {
    /// The object for a reply; `error` is set when it failed (then `result` is the partial reply, or
    /// nil when no request was made and `requested` names the model that was asked for).
    /// `toolRounds` counts the tool calls llmctl ran and answered before this reply.
    public static func object(_ result: ChatResult?, error: ErrorReport? = nil, requested: String? = nil,
                              id: JSONValue? = nil, toolRounds: Int = 0) -> JSONValue {
        var members: [JSONMember] = []
        if let id { members.append(JSONMember(key: "id", value: id)) }
        let ref = result.map(\.model) ?? requested.flatMap(ModelRef.init(parsing:))
        members += [
            JSONMember(key: "model", value: (ref?.description ?? requested).map(JSONValue.string) ?? .null),
            JSONMember(key: "provider", value: ref.map { .string($0.provider) } ?? .null),
            JSONMember(key: "text", value: .string(result?.text ?? "")),
            JSONMember(key: "reasoning", value: result.flatMap { $0.reasoning.isEmpty ? nil : JSONValue.string($0.reasoning) } ?? .null),
            JSONMember(key: "tool_calls", value: toolCalls(result?.toolCalls ?? [])),
            JSONMember(key: "tool_rounds", value: .number(toolRounds)),
            JSONMember(key: "finish_reason", value: result?.finishReason.map(JSONValue.string) ?? .null),
            JSONMember(key: "usage", value: usage(result?.usage)),
            JSONMember(key: "timing", value: result.map { timing($0.stats) } ?? .null),
            JSONMember(key: "connection", value: result?.stats.connection.map(connection) ?? .null),
            JSONMember(key: "attempts", value: attempts(result?.stats.attempts ?? [])),
            JSONMember(key: "error", value: error.map(self.error) ?? .null),
        ]
        return .object(members)
    }

    /// The object as one line of JSON text.
    public static func line(_ result: ChatResult?, error: ErrorReport? = nil, requested: String? = nil,
                            id: JSONValue? = nil, toolRounds: Int = 0) -> String {
        object(result, error: error, requested: requested, id: id, toolRounds: toolRounds).jsonText()
    }

    /// Each call with its arguments as the model wrote them (JSON text, parsed when it is JSON).
    static func toolCalls(_ calls: [ToolCall]) -> JSONValue {
        .array(calls.map { call in
            let arguments = (try? JSONValue.parse(call.arguments)) ?? .string(call.arguments)
            return .object(["id": .string(call.id), "name": .string(call.name), "arguments": arguments])
        })
    }

    static func usage(_ usage: Usage?) -> JSONValue {
        let total = usage?.totalTokens ?? usage.flatMap { u in u.inputTokens.flatMap { i in u.outputTokens.map { i.adding(saturating: $0) } } }
        return .object(["input_tokens": .optional(usage?.inputTokens.map(JSONValue.number)),
                        "output_tokens": .optional(usage?.outputTokens.map(JSONValue.number)),
                        "total_tokens": .optional(total.map(JSONValue.number)),
                        "cached_input_tokens": .optional(usage?.cachedInputTokens.map(JSONValue.number)),
                        "cache_write_tokens": .optional(usage?.cacheWriteTokens.map(JSONValue.number)),
                        "reasoning_tokens": .optional(usage?.reasoningTokens.map(JSONValue.number))])
    }

    static func timing(_ s: RequestStats) -> JSONValue {
        .object(["ttft_ms": .optional(s.ttftMs.map(JSONValue.number)),
                 "first_text_ms": .optional(s.firstTextMs.map(JSONValue.number)),
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
            .object(["model": .string(a.model), "outcome": .string(a.outcome.description),
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
