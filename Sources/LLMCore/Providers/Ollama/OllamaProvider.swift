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
