/// Decodes Ollama's NDJSON chat stream: text deltas, then a `done: true` object with usage and reason.
public struct OllamaStreamDecoder: ChatStreamDecoder {
    private var lines = NDJSONDecoder()
    private var done = false
    private var pending = PendingFailure()

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
            if let content = line.message?.content, !content.isEmpty { out.append(.text(content)) }
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
