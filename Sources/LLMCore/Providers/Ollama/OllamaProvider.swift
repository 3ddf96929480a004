import struct Foundation.Date
import HTTPMessage

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
                               body: ProviderJSON.encode(OllamaWire.body(request)))
    }

    public func makeStreamDecoder(for endpoint: Endpoint) -> any ChatStreamDecoder { OllamaStreamDecoder() }

    public func decodeResponse(_ body: [UInt8], from endpoint: Endpoint) throws -> [ChatEvent] {
        var decoder = OllamaStreamDecoder()
        return try decoder.decode(body) + decoder.finish()
    }

    public func decodeError(status: Int, headers: HTTPHeaders, body: [UInt8], endpoint: Endpoint) -> ProviderError {
        let secrets = endpoint.credential.secrets
        let text = OllamaWire.Line.read(body)?.error.map { NativeWire.oneLine($0, secrets: secrets) }
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
        case 401, 403:
            // Ollama itself takes no key: a 401/403 comes from something in front of it (a proxy) or
            // from OLLAMA_ORIGINS refusing this client.
            error.message = "\(name) refused the request (HTTP \(status))\(detail); check that OLLAMA_HOST (\(endpoint.baseURL)) "
                + "is the Ollama server, and the credentials of any proxy in front of it"
        case 429:
            let wait = error.retryAfter.map { "wait \(NativeWire.seconds($0)) and retry" } ?? "wait a moment and retry"
            error.message = "\(name) is rate limiting requests (HTTP 429)\(detail); \(wait), or send fewer at once"
        case 400..<500 where ErrorHints.isContextLength(text):
            error.message = "\(name) rejected the request (HTTP \(status))\(detail); \(ErrorHints.contextLength)"
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
