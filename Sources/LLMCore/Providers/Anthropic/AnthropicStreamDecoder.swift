/// Decodes an Anthropic Messages SSE stream: text, thinking (with its signature), redacted thinking,
/// tool calls (`tool_use` blocks whose `input` arrives as `input_json_delta` pieces), usage and the
/// stop reason; `message_stop` ends it. A block's stream index is its tool call's index.
///
/// `ping` and unknown events are ignored; `event: error` becomes a `ProviderError` classified by the
/// error's type (the HTTP status was 200); EOF before `message_stop` is a truncation.
public struct AnthropicStreamDecoder: ChatStreamDecoder {
    private var sse = SSEDecoder()
    private var done = false
    private var usage = AnthropicUsage()
    private var pending = PendingFailure()

    public init() {}

    public mutating func decode(_ bytes: [UInt8]) throws -> [ChatEvent] {
        try pending.check()
        return done ? [] : try events(from: sse.feed(bytes))
    }

    public mutating func finish() throws -> [ChatEvent] {
        try pending.check()
        if done { return [] }
        let events = try events(from: sse.finish())
        try pending.check()
        guard done else { throw ProviderError.truncated("anthropic") }
        return events
    }

    private mutating func events(from sseEvents: [SSEEvent]) throws -> [ChatEvent] {
        var out: [ChatEvent] = []
        for event in sseEvents where !done {
            let known = ["message_start", "content_block_start", "content_block_delta", "message_delta", "message_stop", "error"]
            guard let payload = AnthropicWire.Reply.read(event.data) else {
                // Unknown events may carry anything; only the ones we act on must be JSON.
                guard known.contains(event.type) else { continue }
                let snippet = NativeWire.oneLine(event.data, limit: 60)
                return try pending.hold(ProviderError(category: .malformed, status: 200,
                    message: "anthropic sent a \(event.type) event that is not JSON (\(snippet)); retry the request"), after: out)
            }
            // Every event names itself in `event:`; the payload's `type` is the fallback for a bare `data:`.
            let type = event.type == "message" ? payload.type ?? "message" : event.type
            switch type {
            case "message_start":
                if let wire = payload.message?.usage { usage = usage.merging(wire) }
                out.append(.usage(usage.usage))
            case "content_block_start":
                if let block = payload.contentBlock { out += Self.events(startingBlock: block, index: payload.index ?? 0) }
            case "content_block_delta":
                if let delta = payload.delta { out += Self.events(delta: delta, index: payload.index ?? 0) }
            case "message_delta":
                if let wire = payload.usage {
                    usage = usage.merging(wire)
                    out.append(.usage(usage.usage))
                }
                if let reason = payload.delta?.stopReason { out.append(.finish(reason)) }
            case "message_stop":
                done = true
                out.append(.end)
            case "error":
                return try pending.hold(Self.streamError(payload.error ?? AnthropicWire.ErrorBody()), after: out)
            default:
                continue // ping, content_block_stop and future events
            }
        }
        return out
    }

    /// What a block carries when it starts (or whole, in a reply that was not streamed): a tool call's
    /// id and name, redacted thinking, any text or thinking already in it.
    static func events(startingBlock block: AnthropicWire.Block, index: Int) -> [ChatEvent] {
        switch block.type {
        case "text":
            return (block.text ?? "").isEmpty ? [] : [.text(block.text ?? "")]
        case "thinking":
            var events: [ChatEvent] = (block.thinking ?? "").isEmpty ? [] : [.reasoning(block.thinking ?? "")]
            if let signature = block.signature, !signature.isEmpty { events.append(.reasoningSignature(signature)) }
            return events
        case "redacted_thinking":
            return [.redactedReasoning(block.data ?? "")]
        case "tool_use":
            return [.toolCallStart(ToolCallStart(index: index, id: block.id ?? "", name: block.name ?? ""))]
        default:
            return []
        }
    }

    static func events(delta: AnthropicWire.Delta, index: Int) -> [ChatEvent] {
        switch delta.type {
        case "text_delta": (delta.text ?? "").isEmpty ? [] : [.text(delta.text ?? "")]
        case "thinking_delta": (delta.thinking ?? "").isEmpty ? [] : [.reasoning(delta.thinking ?? "")]
        case "signature_delta": (delta.signature ?? "").isEmpty ? [] : [.reasoningSignature(delta.signature ?? "")]
        case "input_json_delta": (delta.partialJSON ?? "").isEmpty ? [] : [.toolCallArguments(index: index, delta.partialJSON ?? "")]
        default: []
        }
    }

    /// An error event inside a 200 stream (or an error object in a 200 body).
    static func streamError(_ error: AnthropicWire.ErrorBody) -> ProviderError {
        let type = error.type ?? "error"
        let text = NativeWire.oneLine(error.message ?? "no message")
        if type == "overloaded_error" {
            return ProviderError(category: .overloaded, status: 200,
                                 message: "anthropic is overloaded and stopped the reply (\(type): \(text)); retry in a moment",
                                 providerCode: type)
        }
        return ProviderError(category: type == "rate_limit_error" ? .rateLimited : .streamError, status: 200,
                             message: "anthropic reported an error mid-reply (\(type): \(text)); retry the request",
                             providerCode: type)
    }
}
