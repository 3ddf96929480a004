import struct Foundation.Date

/// Ollama's native chat API: `POST {base}/api/chat`, NDJSON stream, no authentication (providers.md §7).
public struct OllamaProvider: ChatProvider {
    public let kind = ProviderKind.ollama

    public init() {}

    public func makeRequest(_ request: ChatRequest, endpoint: Endpoint, context: RequestContext) throws -> HTTPRequestSpec {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        headers.add("Accept", request.stream ? "application/x-ndjson" : "application/json")
        // A reverse proxy in front of Ollama may want a key; the local server ignores it.
        if case .bearer(let token, _) = endpoint.credential { headers.add("Authorization", "Bearer \(token.value)") }
        if case .apiKey(let token, _) = endpoint.credential { headers.add("Authorization", "Bearer \(token.value)") }
        for field in endpoint.extraHeaders { headers.add(field.name, field.value) }
        return HTTPRequestSpec(method: "POST", url: endpoint.baseURL + "/api/chat", headers: headers,
                               body: try NativeWire.encode(OllamaWire.Body(request)))
    }

    public func makeStreamDecoder() -> any ChatStreamDecoder { OllamaStreamDecoder() }

    public func decodeResponse(_ body: [UInt8]) throws -> [ChatEvent] {
        var decoder = OllamaStreamDecoder()
        return try decoder.decode(body) + decoder.finish()
    }

    public func decodeError(status: Int, headers: HTTPHeaders, body: [UInt8], endpoint: Endpoint) -> ProviderError {
        let secrets = endpoint.credential.secrets
        let text = NativeWire.decode(OllamaWire.Line.self, from: body)?.error.map { NativeWire.oneLine($0, secrets: secrets) }
            ?? NativeWire.bodySnippet(body, secrets: secrets)
        let detail = text.map { ": \($0)" } ?? ""
        let name = endpoint.name
        var error = ProviderError(category: NativeWire.category(forStatus: status), status: status, message: "",
                                  providerCode: nil,
                                  retryAfter: RetryAfter.seconds(from: headers, now: Date()))
        switch status {
        case 404:
            let model = text.flatMap(Self.quotedModel)
            error.message = "\(name) has no such model (HTTP 404)\(detail); run `ollama pull \(model ?? "<model>")` or pick one from `ollama list`"
        case 400..<500:
            error.message = "\(name) rejected the request (HTTP \(status))\(detail); check the model name and options"
        default:
            error.message = "\(name) failed (HTTP \(status))\(detail); check the Ollama server log and retry"
        }
        return error
    }

    /// The model name in Ollama's `model 'x' not found` / `model "x" not found, try pulling it first`.
    static func quotedModel(_ message: String) -> String? {
        for quote in ["'", "\""] {
            let parts = message.components(separatedBy: quote)
            if parts.count >= 3, parts[0].lowercased().hasSuffix("model "), !parts[1].isEmpty { return parts[1] }
        }
        return nil
    }
}

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
            guard let line = NativeWire.decode(OllamaWire.Line.self, from: raw) else {
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
                                  totalTokens: line.promptEvalCount.flatMap { input in line.evalCount.map { input + $0 } })
                if usage != Usage() { out.append(.usage(usage)) }
                out += [.finish(line.doneReason ?? "stop"), .end]
            }
        }
        return out
    }
}

/// Ollama's JSON shapes.
enum OllamaWire {
    struct Message: Codable {
        var role: String
        var content: String?
    }

    struct Options: Encodable, Equatable {
        var temperature: Double?
        var numPredict: Int?
        var stop: [String]?
        enum CodingKeys: String, CodingKey { case temperature, numPredict = "num_predict", stop }
    }

    struct Body: Encodable {
        var model: String
        var messages: [Message]
        /// Always sent: Ollama streams unless told `false`.
        var stream: Bool
        var options: Options?

        init(_ request: ChatRequest) {
            model = request.model.model
            // Ollama has a system role; the system prompt goes first, like the CLI does it.
            messages = (NativeWire.systemPrompt(request).map { [Message(role: "system", content: $0)] } ?? [])
                + NativeWire.turns(request).map { Message(role: $0.role.rawValue, content: $0.content) }
            stream = request.stream
            let options = Options(temperature: request.options.temperature, numPredict: request.options.maxTokens,
                                  stop: request.options.stop)
            self.options = options == Options() ? nil : options
        }
    }

    struct Line: Decodable {
        var message: Message?
        var done: Bool?
        var doneReason: String?
        var promptEvalCount: Int?
        var evalCount: Int?
        var error: String?
        enum CodingKeys: String, CodingKey {
            case message, done, error
            case doneReason = "done_reason", promptEvalCount = "prompt_eval_count", evalCount = "eval_count"
        }
    }
}
