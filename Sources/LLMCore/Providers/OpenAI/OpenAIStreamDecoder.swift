/// Decodes an OpenAI Chat Completions SSE stream (OpenAI, Azure OpenAI, OpenAI-compatible servers).
///
/// `data: [DONE]` ends the reply; a data payload with an `error` object (or vLLM's flat `object: "error"`)
/// is an in-stream error; EOF before `[DONE]` is a truncation.
public struct OpenAIStreamDecoder: ChatStreamDecoder {
    private var sse = SSEDecoder()
    private var done = false
    /// An error found after other events of the same read: those events are returned first, and the
    /// error is thrown on the next call, so text the server sent before failing is still shown.
    private var pendingError: ProviderError?
    /// Names the server in messages, e.g. `openai`, `azure`, `groq`.
    public let label: String

    /// A decoder for one reply; `label` names the server in error messages.
    public init(label: String = "openai") { self.label = label }

    public mutating func decode(_ bytes: [UInt8]) throws -> [ChatEvent] {
        if let pendingError { throw pendingError }
        if done { return [] }
        return try events(from: sse.feed(bytes))
    }

    public mutating func finish() throws -> [ChatEvent] {
        if let pendingError { throw pendingError }
        if done { return [] }
        let events = try events(from: sse.finish())
        if let pendingError { throw pendingError }
        guard done else { throw ProviderError.truncated(label) }
        return events
    }

    private mutating func events(from sseEvents: [SSEEvent]) throws -> [ChatEvent] {
        var out: [ChatEvent] = []
        for event in sseEvents {
            // The SDK ends at any payload starting with `[DONE]`; what follows is not read.
            if event.data.hasPrefix("[DONE]") {
                done = true
                out.append(.end)
                break
            }
            // An empty `data:` (a keep-alive some proxies send) carries nothing; the SDK would choke on it.
            if event.data.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do {
                out += try Self.chatEvents(fromData: event.data, label: label)
            } catch let error as ProviderError {
                guard out.isEmpty else {
                    pendingError = error
                    break
                }
                pendingError = error
                throw error
            }
        }
        return out
    }

    /// The events of one `data:` payload; throws for an error payload or one that is not a JSON object.
    static func chatEvents(fromData data: String, label: String) throws -> [ChatEvent] {
        guard let payload = OpenAIPayload.parse(data) else {
            throw ProviderError(category: .malformed,
                                message: "\(label) sent a stream event that is not a JSON object (\(OpenAIErrorText.oneLine(data, limit: 60))); check that the base URL points at an OpenAI-compatible API")
        }
        if let error = payload.error {
            let detail = OpenAIErrorText.describe(error, secrets: [])
            throw ProviderError(category: .streamError,
                                message: "\(label) reported an error mid-reply: \(detail); retry, or try another model if it persists",
                                providerCode: error.providerCode)
        }
        return payload.chatEvents
    }
}
