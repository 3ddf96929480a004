import struct Foundation.Date

/// Google Gemini (Generative Language API): `{base}/{version}/models/{model}:streamGenerateContent?alt=sse`,
/// data-only SSE whose stream ends at EOF after a chunk with a finish reason (providers.md §5).
public struct GeminiProvider: ChatProvider {
    public let kind = ProviderKind.gemini
    /// The API version when the endpoint names none (the SDK's `v1beta`).
    public static let defaultAPIVersion = "v1beta"

    public init() {}

    public func makeRequest(_ request: ChatRequest, endpoint: Endpoint, context: RequestContext) throws -> HTTPRequestSpec {
        var headers: HTTPHeaders = [:]
        switch endpoint.credential {
        case .apiKey(let key, _): headers.add("x-goog-api-key", key.value)
        case .bearer(let token, _): headers.add("Authorization", "Bearer \(token.value)")
        case .none: break // a gateway may add the key; the 403 then says which variable to export
        case .aws(_, _, let source):
            throw ConfigError(message: "\(endpoint.name) speaks the Gemini API and cannot use the AWS credentials from \(source); export GEMINI_API_KEY")
        }
        headers.add("Content-Type", "application/json")
        headers.add("Accept", request.stream ? "text/event-stream" : "application/json")
        for field in endpoint.extraHeaders { headers.add(field.name, field.value) }
        var model = request.model.model
        if model.hasPrefix("models/") { model.removeFirst("models/".count) }
        let version = endpoint.apiVersion ?? Self.defaultAPIVersion
        let method = request.stream ? "streamGenerateContent?alt=sse" : "generateContent"
        return HTTPRequestSpec(method: "POST",
                               url: "\(endpoint.baseURL)/\(version)/models/\(AWSPercentEncoding.encode(model)):\(method)",
                               headers: headers, body: try NativeWire.encode(GeminiWire.Body(request)))
    }

    public func makeStreamDecoder() -> any ChatStreamDecoder { GeminiStreamDecoder() }

    public func decodeResponse(_ body: [UInt8]) throws -> [ChatEvent] {
        guard let chunk = NativeWire.decode(GeminiWire.Chunk.self, from: body) else {
            throw ProviderError(category: .malformed,
                                message: "gemini sent a reply that is not GenerateContentResponse JSON (\(NativeWire.bodySnippet(body, secrets: []) ?? "empty")); check GOOGLE_GEMINI_BASE_URL")
        }
        var decoder = GeminiStreamDecoder()
        return try decoder.events(from: chunk) + [.end]
    }

    public func decodeError(status: Int, headers: HTTPHeaders, body: [UInt8], endpoint: Endpoint) -> ProviderError {
        GeminiErrors.map(status: status, headers: headers, body: body, endpoint: endpoint, now: Date())
    }
}

/// Decodes Gemini's SSE stream: incremental text (thought parts skipped), last-wins usage, finish reason.
public struct GeminiStreamDecoder: ChatStreamDecoder {
    private var sse = SSEDecoder()
    private var finished = false
    private var lastUsage: Usage?
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
            guard let chunk = NativeWire.decode(GeminiWire.Chunk.self, from: Array(event.data.utf8)) else {
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
        for part in candidate?.content?.parts ?? [] where part.thought != true {
            if let text = part.text, !text.isEmpty { out.append(.text(text)) }
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
