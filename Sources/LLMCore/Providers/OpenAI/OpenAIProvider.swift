import HTTPMessage
/// OpenAI Chat Completions, as spoken by OpenAI, Azure OpenAI (both URL schemes) and OpenAI-compatible
/// servers (Ollama's /v1, vLLM, llama.cpp, LM Studio, OpenRouter, Groq …).
public struct OpenAIProvider: ChatProvider {
    /// `.openAI` or `.azureOpenAI`; decides the URL scheme and the auth header.
    public let kind: ProviderKind

    /// Azure `api-version` used when the endpoint names none: the newest GA version when this was written.
    public static let defaultAzureAPIVersion = "2024-10-21"

    /// The provider for `.openAI` (and compatible servers) or `.azureOpenAI`.
    public init(kind: ProviderKind = .openAI) { self.kind = kind }

    public func makeRequest(_ request: ChatRequest, endpoint: Endpoint, context: RequestContext) throws -> HTTPRequestSpec {
        var headers: HTTPHeaders = [:]
        try addAuthorization(to: &headers, endpoint: endpoint)
        headers.add("Content-Type", "application/json")
        headers.add("Accept", request.stream ? "text/event-stream" : "application/json")
        for field in endpoint.extraHeaders { headers.add(field.name, field.value) }
        let body = ProviderJSON.encode(requestBody(request, endpoint: endpoint))
        return HTTPRequestSpec(method: "POST", url: url(for: request, endpoint: endpoint), headers: headers, body: body)
    }

    /// Errors name the endpoint the user chose (`groq`, `vllm`, a config name), not the protocol.
    public func makeStreamDecoder(for endpoint: Endpoint) -> any ChatStreamDecoder {
        OpenAIStreamDecoder(label: endpoint.name)
    }

    public func decodeResponse(_ body: [UInt8], from endpoint: Endpoint) throws -> [ChatEvent] {
        try decodeResponse(body, label: endpoint.name)
    }

    func decodeResponse(_ body: [UInt8], label: String) throws -> [ChatEvent] {
        guard let payload = OpenAIPayload.parse(body) else {
            let start = OpenAIErrorText.oneLine(String(decoding: body.prefix(200), as: UTF8.self), limit: 60)
            throw ProviderError(category: .malformed,
                                message: "\(label) sent a reply that is not a JSON object (\(start)); check that the base URL points at an OpenAI-compatible API")
        }
        if let error = payload.error {
            throw ProviderError(category: .streamError, status: 200,
                                message: "\(label) answered with an error: \(OpenAIErrorText.describe(error, secrets: [])); retry, or try another model if it persists",
                                providerCode: error.providerCode)
        }
        guard !payload.choices.isEmpty else {
            throw ProviderError(category: .malformed,
                                message: "\(label) sent a reply without choices; check that the base URL points at an OpenAI-compatible API")
        }
        return payload.chatEvents + [.end]
    }

    // MARK: - Request parts

    /// True when the URL path is Azure's v1 API (`…/openai/v1`): OpenAI's paths, no `api-version`.
    static func isAzureV1(_ baseURL: String) -> Bool {
        baseURL.lowercased().hasSuffix("/openai/v1")
    }

    func url(for request: ChatRequest, endpoint: Endpoint) -> String {
        guard kind == .azureOpenAI, !Self.isAzureV1(endpoint.baseURL) else {
            return endpoint.baseURL + "/chat/completions"
        }
        // Classic Azure: the resource root; tolerate a root given with its `/openai` suffix.
        var root = endpoint.baseURL
        if root.lowercased().hasSuffix("/openai") { root.removeLast("/openai".count) }
        let deployment = Self.percentEncodedSegment(request.model.model)
        let version = Self.percentEncodedSegment(endpoint.apiVersion ?? Self.defaultAzureAPIVersion)
        return "\(root)/openai/deployments/\(deployment)/chat/completions?api-version=\(version)"
    }

    func addAuthorization(to headers: inout HTTPHeaders, endpoint: Endpoint) throws {
        switch endpoint.credential {
        case .none:
            break  // local OpenAI-compatible servers need no key
        case .apiKey(let key, _) where kind == .azureOpenAI:
            headers.add("api-key", key.value)
        case .apiKey(let key, _), .bearer(let key, _):
            headers.add("Authorization", "Bearer \(key.value)")
        case .aws(_, _, let source):
            throw ConfigError(message: "\(endpoint.name) speaks the OpenAI protocol and cannot use the AWS credentials from \(source); configure an API key for it")
        }
    }

    /// The JSON body. `max_completion_tokens` goes to OpenAI and Azure, whose reasoning models reject
    /// the deprecated `max_tokens`; every other host gets `max_tokens`, the only name many local
    /// servers and older compatible APIs know.
    func requestBody(_ request: ChatRequest, endpoint: Endpoint) -> JSONValue {
        var messages: [ChatMessage] = []
        if let system = request.system, !system.isEmpty { messages.append(ChatMessage(role: .system, content: system)) }
        messages += request.messages
        let modern = kind == .azureOpenAI || URLParts.host(of: endpoint.baseURL) == "api.openai.com"
        let maxTokens = request.options.maxTokens.map(JSONValue.number)
        let stop = request.options.stop.flatMap { $0.isEmpty ? nil : $0 }
        return .object(omittingNils: [
            "model": .string(request.model.model),
            "messages": .array(messages.flatMap(Self.wireMessages)),
            "temperature": request.options.temperature.map(JSONValue.double),
            "max_tokens": modern ? nil : maxTokens,
            "max_completion_tokens": modern ? maxTokens : nil,
            "stop": stop.map(NativeWire.strings),
            "stream": request.stream ? .bool(true) : nil,
            "stream_options": request.stream ? .object(["include_usage": .bool(true)]) : nil,
            "tools": request.tools.isEmpty ? nil : .array(request.tools.map(Self.wireTool)),
            "reasoning_effort": request.reasoning?.effort.map(JSONValue.string),
        ])
    }

    /// A message in Chat Completions form. Text-only messages keep a plain string `content` (what every
    /// compatible server understands); images make a content-part array with data URLs; an assistant's
    /// tool calls go in `tool_calls`; each tool result is a `tool` message of its own. Reasoning is not
    /// sent back: the Chat Completions API takes none (DeepSeek rejects `reasoning_content` in input).
    static func wireMessages(_ message: ChatMessage) -> [JSONValue] {
        switch message.role {
        case .tool:
            return message.toolResults.map { result in
                .object(["role": .string("tool"), "tool_call_id": .string(result.callID), "content": .string(result.content)])
            }
        case .assistant where !message.toolCalls.isEmpty:
            let text = message.content
            return [.object([
                "role": .string("assistant"),
                "content": text.isEmpty ? .null : .string(text),
                "tool_calls": .array(message.toolCalls.map { call in
                    .object(["id": .string(call.id), "type": .string("function"),
                             "function": .object(["name": .string(call.name),
                                                  "arguments": .string(call.arguments.isEmpty ? "{}" : call.arguments)])])
                }),
            ])]
        default:
            let images = message.images
            guard !images.isEmpty else {
                return [.object(["role": .string(message.role.rawValue), "content": .string(message.content)])]
            }
            var parts: [JSONValue] = images.map { image in
                .object(["type": .string("image_url"),
                         "image_url": .object(["url": .string("data:\(image.mediaType);base64,\(image.base64)")])])
            }
            if !message.content.isEmpty { parts.append(.object(["type": .string("text"), "text": .string(message.content)])) }
            return [.object(["role": .string(message.role.rawValue), "content": .array(parts)])]
        }
    }

    /// `{"type": "function", "function": {name, description, parameters}}`.
    static func wireTool(_ tool: ToolDefinition) -> JSONValue {
        .object(["type": .string("function"),
                 "function": .object(omittingNils: ["name": .string(tool.name),
                                                    "description": tool.description.map(JSONValue.string),
                                                    "parameters": tool.parameters])])
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters, so a deployment name cannot
    /// add path segments or a query.
    static func percentEncodedSegment(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }
}
