import struct Foundation.Date
import HTTPMessage

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
                               headers: headers, body: ProviderJSON.encode(GeminiWire.body(request)))
    }

    public func makeStreamDecoder(for endpoint: Endpoint) -> any ChatStreamDecoder { GeminiStreamDecoder() }

    public func decodeResponse(_ body: [UInt8], from endpoint: Endpoint) throws -> [ChatEvent] {
        guard let chunk = GeminiWire.Chunk.read(body) else {
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
