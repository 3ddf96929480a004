/// Decodes a ConverseStream reply: event-stream frames → text, reasoning (text, signature, redacted),
/// tool calls (id and name at `contentBlockStart`, input as JSON pieces), stop reason, usage. A block's
/// `contentBlockIndex` is its tool call's index.
///
/// The reply is complete only after the `metadata` event (it follows `messageStop` and carries the
/// usage); an exception frame becomes a `ProviderError`; EOF before `metadata` is a truncation.
public struct BedrockStreamDecoder: ChatStreamDecoder {
    private var frames = EventStreamDecoder()
    private var done = false
    private var pending = PendingFailure()

    public init() {}

    public mutating func decode(_ bytes: [UInt8]) throws -> [ChatEvent] {
        try pending.check()
        if done { return [] }
        let messages: [EventStreamMessage]
        do {
            messages = try frames.feed(bytes)
        } catch let error as EventStreamError {
            // The frame decoder returns the messages before a corrupt one and throws on the next call.
            throw Self.malformed(error)
        }
        return try events(from: messages)
    }

    public mutating func finish() throws -> [ChatEvent] {
        try pending.check()
        if done { return [] }
        do {
            try frames.finish()
        } catch EventStreamError.truncated {
            throw ProviderError.truncated("bedrock")
        } catch let error as EventStreamError {
            throw Self.malformed(error)
        }
        throw ProviderError.truncated("bedrock")
    }

    private mutating func events(from messages: [EventStreamMessage]) throws -> [ChatEvent] {
        var out: [ChatEvent] = []
        for message in messages where !done {
            switch message[string: ":message-type"] {
            case "event":
                // A bad event after good ones in the same read: the good ones are handed over first.
                do { out += try event(message) } catch let error as ProviderError {
                    return try pending.hold(error, after: out)
                }
            case "exception":
                return try pending.hold(Self.exception(message), after: out)
            case "error":
                let code = message[string: ":error-code"] ?? "error"
                let text = NativeWire.oneLine(message[string: ":error-message"] ?? "no message")
                let category: ProviderError.Category = code.lowercased().contains("throttl") ? .rateLimited : .streamError
                return try pending.hold(ProviderError(category: category, status: 200,
                    message: "bedrock reported an error mid-reply (\(code): \(text)); retry the request", providerCode: code),
                    after: out)
            default:
                continue // unknown message types carry nothing we show
            }
        }
        return out
    }

    private mutating func event(_ message: EventStreamMessage) throws -> [ChatEvent] {
        let type = message[string: ":event-type"] ?? ""
        guard ["contentBlockStart", "contentBlockDelta", "messageStop", "metadata"].contains(type) else { return [] }
        guard let payload = BedrockWire.StreamPayload.read(message.payload) else {
            let snippet = NativeWire.oneLine(String(decoding: message.payload.prefix(120), as: UTF8.self), limit: 60)
            throw ProviderError(category: .malformed, status: 200,
                                message: "bedrock sent a \(type) event that is not the expected JSON (\(snippet)); retry the request")
        }
        switch type {
        case "contentBlockStart":
            guard let call = payload.start?.toolUse else { return [] }
            return [.toolCallStart(ToolCallStart(index: payload.contentBlockIndex ?? 0, id: call.toolUseId ?? "", name: call.name ?? ""))]
        case "contentBlockDelta":
            // Citations and other delta kinds carry nothing llmctl shows.
            guard let delta = payload.delta else { return [] }
            var out: [ChatEvent] = []
            if let text = delta.text, !text.isEmpty { out.append(.text(text)) }
            if let input = delta.toolUse?.input?.string, !input.isEmpty {
                out.append(.toolCallArguments(index: payload.contentBlockIndex ?? 0, input))
            }
            if let reasoning = delta.reasoningContent {
                if let text = reasoning.text, !text.isEmpty { out.append(.reasoning(text)) }
                if let signature = reasoning.signature, !signature.isEmpty { out.append(.reasoningSignature(signature)) }
                if let data = reasoning.redactedContent { out.append(.redactedReasoning(data)) }
            }
            return out
        case "messageStop":
            return payload.stopReason.map { [.finish($0)] } ?? []
        default: // metadata: the last event
            done = true
            return (payload.usage.map { [.usage($0.usage)] } ?? []) + [.end]
        }
    }

    private static func exception(_ message: EventStreamMessage) -> ProviderError {
        let type = message[string: ":exception-type"] ?? "exception"
        let payload = BedrockWire.StreamPayload.read(message.payload)
        let text = NativeWire.oneLine(payload?.originalMessage ?? payload?.message ?? "no message")
        switch type {
        case "throttlingException":
            return ProviderError(category: .rateLimited, status: 200,
                                 message: "bedrock is throttling requests (\(type): \(text)); wait a moment and retry, or request a quota increase",
                                 providerCode: type)
        case "validationException":
            return ProviderError(category: .badRequest, status: 200,
                                 message: "bedrock rejected the request mid-reply (\(type): \(text)); check the model's limits and options",
                                 providerCode: type)
        default: // modelStreamErrorException, internalServerException, serviceUnavailableException, …
            return ProviderError(category: .streamError, status: 200,
                                 message: "bedrock reported an error mid-reply (\(type): \(text)); retry the request",
                                 providerCode: type)
        }
    }

    private static func malformed(_ error: EventStreamError) -> ProviderError {
        ProviderError(category: .malformed, status: 200,
                      message: "bedrock sent a corrupt event stream (\(error)); retry the request")
    }
}
