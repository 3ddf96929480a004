/// Decodes Gemini's SSE stream: incremental text, thoughts (parts marked `thought`) as reasoning,
/// function calls (each whole in one part; Gemini may give no id, so one is made up), thought
/// signatures, last-wins usage, finish reason.
public struct GeminiStreamDecoder: ChatStreamDecoder {
    private var sse = SSEDecoder()
    private var finished = false
    private var lastUsage: Usage?
    /// Function calls seen so far: the next one's index.
    private var calls = 0
    private var pending = PendingFailure()

    public init() {}

    public mutating func decode(_ bytes: [UInt8]) throws -> [ChatEvent] {
        try pending.check()
        return try events(from: sse.feed(bytes))
    }

    /// There is no end marker: EOF after a chunk with a finish reason is the normal end.
    public mutating func finish() throws -> [ChatEvent] {
        try pending.check()
        let events = try events(from: sse.finish())
        try pending.check()
        guard finished else { throw ProviderError.truncated("gemini") }
        return events + [.end]
    }

    private mutating func events(from sseEvents: [SSEEvent]) throws -> [ChatEvent] {
        var out: [ChatEvent] = []
        for event in sseEvents {
            if event.data.hasPrefix("[DONE]") { continue } // not Google's, but proxies add it
            guard let chunk = GeminiWire.Chunk.read(event.data) else {
                let snippet = NativeWire.oneLine(event.data, limit: 60)
                return try pending.hold(ProviderError(category: .malformed, status: 200,
                    message: "gemini sent a chunk that is not JSON (\(snippet)); check that the base URL points at the Gemini API"),
                    after: out)
            }
            do {
                out += try events(from: chunk)
            } catch let error as ProviderError {
                return try pending.hold(error, after: out)
            }
        }
        return out
    }

    /// The events of one `GenerateContentResponse`; throws for an error or a blocked prompt.
    mutating func events(from chunk: GeminiWire.Chunk) throws -> [ChatEvent] {
        if let error = chunk.error { throw GeminiErrors.streamError(error) }
        let candidate = chunk.candidates?.first
        if candidate == nil, let reason = chunk.promptFeedback?.blockReason {
            let why = chunk.promptFeedback?.blockReasonMessage.map { ": \(NativeWire.oneLine($0))" } ?? ""
            throw ProviderError(category: .blocked, status: 200,
                                message: "gemini blocked the prompt (\(reason)\(why)); rephrase it", providerCode: reason)
        }
        var out: [ChatEvent] = []
        for part in candidate?.content?.parts ?? [] {
            if let call = part.functionCall {
                let args = call.args.flatMap { $0.members?.isEmpty == false ? $0.jsonText() : nil }
                out.append(.toolCallStart(ToolCallStart(index: calls, id: call.id ?? "gemini-call-\(calls)",
                                                        name: call.name ?? "", signature: part.thoughtSignature)))
                if let args { out.append(.toolCallArguments(index: calls, args)) }
                calls += 1
            } else if part.thought == true {
                if let text = part.text, !text.isEmpty { out.append(.reasoning(text)) }
                if let signature = part.thoughtSignature { out.append(.reasoningSignature(signature)) }
            } else {
                // A signature on an answer part is not kept: moved to another part it would no longer
                // match, and the API validates only those on function calls (which are kept).
                if let text = part.text, !text.isEmpty { out.append(.text(text)) }
            }
        }
        if let usage = chunk.usageMetadata?.usage, usage != lastUsage {
            lastUsage = usage
            out.append(.usage(usage))
        }
        // SAFETY, RECITATION … are finish reasons like STOP; the CLI decides how to present them.
        if let reason = candidate?.finishReason, !finished {
            finished = true
            out.append(.finish(reason))
        }
        return out
    }
}
