import struct Foundation.Date
import HTTPMessage

/// AWS Bedrock Runtime Converse / ConverseStream, signed with SigV4 or a Bedrock API key (providers.md §6).
public struct BedrockProvider: ChatProvider {
    public let kind = ProviderKind.bedrock

    public init() {}

    public func makeRequest(_ request: ChatRequest, endpoint: Endpoint, context: RequestContext) throws -> HTTPRequestSpec {
        // The model id is one path segment: `:` and the `/` of ARNs are escaped (and signed escaped again).
        let model = AWSPercentEncoding.encode(request.model.model)
        let url = "\(endpoint.baseURL)/model/\(model)/\(request.stream ? "converse-stream" : "converse")"
        // Only Content-Type besides the signing headers, as botocore sends: every header sent is signed,
        // so a header a proxy or the transport might rewrite (Accept) is better left out.
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        for field in endpoint.extraHeaders { headers.add(field.name, field.value) }
        var spec = HTTPRequestSpec(method: "POST", url: url, headers: headers,
                                   body: ProviderJSON.encode(try BedrockWire.body(request, provider: endpoint.name)))
        switch endpoint.credential {
        case .aws(let credentials, let region, _):
            // Extra headers are added first so they are signed too.
            try SigV4Signer(credentials: credentials, region: region, service: "bedrock").sign(&spec, date: context.date)
        case .bearer(let token, let source), .apiKey(let token, let source):
            guard Self.isSafeForBearer(url) else {
                throw ConfigError(message: "\(endpoint.name): refusing to send the Bedrock API key from \(source) over plain http to \(endpoint.baseURL); use an https endpoint")
            }
            spec.headers.add("Authorization", "Bearer \(token.value)")
        case .none:
            throw ConfigError(message: "\(endpoint.name) has no AWS credentials: export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, set AWS_PROFILE, or export AWS_BEARER_TOKEN_BEDROCK")
        }
        return spec
    }

    public func makeStreamDecoder(for endpoint: Endpoint) -> any ChatStreamDecoder { BedrockStreamDecoder() }

    public func decodeResponse(_ body: [UInt8], from endpoint: Endpoint) throws -> [ChatEvent] {
        guard let reply = BedrockWire.ConverseReply.read(body) else {
            throw ProviderError(category: .malformed,
                                message: "bedrock sent a reply that is not Converse JSON (\(NativeWire.bodySnippet(body, secrets: []) ?? "empty")); check the endpoint URL")
        }
        var events: [ChatEvent] = []
        for (index, block) in (reply.output?.message?.content ?? []).enumerated() {
            if let text = block.text, !text.isEmpty { events.append(.text(text)) }
            if let call = block.toolUse {
                events.append(.toolCallStart(ToolCallStart(index: index, id: call.toolUseId ?? "", name: call.name ?? "")))
                if let input = call.input, input.members?.isEmpty == false { events.append(.toolCallArguments(index: index, input.jsonText())) }
            }
            if let reasoning = block.reasoningContent {
                if let text = reasoning.reasoningText?.text, !text.isEmpty { events.append(.reasoning(text)) }
                if let signature = reasoning.reasoningText?.signature { events.append(.reasoningSignature(signature)) }
                if let data = reasoning.redactedContent { events.append(.redactedReasoning(data)) }
            }
        }
        if let usage = reply.usage { events.append(.usage(usage.usage)) }
        if let reason = reply.stopReason { events.append(.finish(reason)) }
        return events + [.end]
    }

    public func decodeError(status: Int, headers: HTTPHeaders, body: [UInt8], endpoint: Endpoint) -> ProviderError {
        BedrockErrors.map(status: status, headers: headers, body: body, endpoint: endpoint, now: Date())
    }

    /// Bedrock API keys only go over TLS, except to this machine (the mock server).
    static func isSafeForBearer(_ url: String) -> Bool {
        let lowered = url.lowercased()
        if lowered.hasPrefix("https://") { return true }
        return ["http://127.0.0.1", "http://localhost", "http://[::1]"].contains { prefix in
            lowered.hasPrefix(prefix) && [":", "/"].contains(lowered.dropFirst(prefix.count).first.map(String.init) ?? "/")
        }
    }
}
