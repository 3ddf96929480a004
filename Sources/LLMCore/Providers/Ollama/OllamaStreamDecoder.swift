/// Decodes Ollama's NDJSON chat stream: text and `thinking` deltas, tool calls (each whole in one line,
/// without an id: one is made up), then a `done: true` object with usage and reason.
public struct OllamaStreamDecoder: ChatStreamDecoder {
    private var lines = NDJSONDecoder()
    private var done = false
    private var pending = PendingFailure()
    /// Tool calls seen so far: the next one's index.
    private var calls = 0

    public init() {}

    public mutating func decode(_ bytes: [UInt8]) throws -> [ChatEvent] {
        try pending.check()
        return done ? [] : try events(from: lines.feed(bytes))
    }

    public mutating func finish() throws -> [ChatEvent] {
        try pending.check()
        if done { return [] }
        let events = try events(from: lines.finish())
        try pending.check()
        guard done else { throw ProviderError.truncated("ollama") }
        return events
    }

    private mutating func events(from lines: [[UInt8]]) throws -> [ChatEvent] {
        var out: [ChatEvent] = []
        for raw in lines where !done {
            guard let line = OllamaWire.Line.read(raw) else {
                let snippet = NativeWire.oneLine(String(decoding: raw.prefix(200), as: UTF8.self), limit: 60)
                return try pending.hold(ProviderError(category: .malformed,
                    message: "ollama sent a line that is not a JSON object (\(snippet)); check that the base URL points at Ollama's native API"),
                    after: out)
            }
            if let message = line.error {
                return try pending.hold(ProviderError(category: .streamError, status: 200,
                    message: "ollama reported an error mid-reply: \(NativeWire.oneLine(message)); retry, or check the Ollama server log"),
                    after: out)
            }
            if let thinking = line.message?.thinking, !thinking.isEmpty { out.append(.reasoning(thinking)) }
            if let content = line.message?.content, !content.isEmpty { out.append(.text(content)) }
            for call in line.message?.toolCalls ?? [] {
                out.append(.toolCallStart(ToolCallStart(index: calls, id: call.id ?? "ollama-call-\(calls)", name: call.function?.name ?? "")))
                if let arguments = call.function?.arguments {
                    // Ollama sends an object; a model may also produce a JSON string of one.
                    let text = arguments.string ?? (arguments.members?.isEmpty == false ? arguments.jsonText() : "")
                    if !text.isEmpty { out.append(.toolCallArguments(index: calls, text)) }
                }
                calls += 1
            }
            if line.done == true {
                done = true
                let usage = Usage(inputTokens: line.promptEvalCount, outputTokens: line.evalCount,
                                  totalTokens: line.promptEvalCount.flatMap { input in line.evalCount.map { input.adding(saturating: $0) } })
                if usage != Usage() { out.append(.usage(usage)) }
                out += [.finish(line.doneReason ?? "stop"), .end]
            }
        }
        return out
    }
}
