import struct Foundation.Date
import HTTPMessage

/// Anthropic Messages API: `POST {base}/v1/messages`, SSE stream with named events (providers.md §4).
public struct AnthropicProvider: ChatProvider {
    public let kind = ProviderKind.anthropic
    /// The API version header every request carries.
    public static let apiVersion = "2023-06-01"
    /// Anthropic requires `max_tokens`; this is used when the user sets none.
    public static let defaultMaxTokens = 4096

    public init() {}

    public func makeRequest(_ request: ChatRequest, endpoint: Endpoint, context: RequestContext) throws -> HTTPRequestSpec {
        var headers: HTTPHeaders = [:]
        switch endpoint.credential {
        case .apiKey(let key, _): headers.add("x-api-key", key.value)
        case .bearer(let token, _): headers.add("Authorization", "Bearer \(token.value)")
        case .none: break // a gateway may add the key; a 401 then names ANTHROPIC_API_KEY
        case .aws(_, _, let source):
            throw ConfigError(message: "\(endpoint.name) speaks the Anthropic API and cannot use the AWS credentials from \(source); use bedrock:<model> for Claude on Bedrock, or export ANTHROPIC_API_KEY")
        }
        headers.add("anthropic-version", Self.apiVersion)
        headers.add("Content-Type", "application/json")
        headers.add("Accept", request.stream ? "text/event-stream" : "application/json")
        for field in endpoint.extraHeaders { headers.add(field.name, field.value) }
        return HTTPRequestSpec(method: "POST", url: endpoint.baseURL + "/v1/messages", headers: headers,
                               body: ProviderJSON.encode(try AnthropicWire.body(request, provider: endpoint.name)))
    }

    public func makeStreamDecoder(for endpoint: Endpoint) -> any ChatStreamDecoder { AnthropicStreamDecoder() }

    public func decodeResponse(_ body: [UInt8], from endpoint: Endpoint) throws -> [ChatEvent] {
        guard let reply = AnthropicWire.Reply.read(body) else {
            throw ProviderError(category: .malformed,
                                message: "anthropic sent a reply that is not a Messages JSON object (\(NativeWire.bodySnippet(body, secrets: []) ?? "empty")); check ANTHROPIC_BASE_URL")
        }
        if let error = reply.error { throw AnthropicStreamDecoder.streamError(error) }
        var events: [ChatEvent] = []
        for (index, block) in (reply.content ?? []).enumerated() {
            events += AnthropicStreamDecoder.events(startingBlock: block, index: index)
            if block.type == "tool_use", let input = block.input, input.members?.isEmpty == false {
                events.append(.toolCallArguments(index: index, input.jsonText()))
            }
        }
        if let usage = reply.usage {
            events.append(.usage(AnthropicUsage().merging(usage).usage))
        }
        if let reason = reply.stopReason { events.append(.finish(reason)) }
        return events + [.end]
    }

    public func decodeError(status: Int, headers: HTTPHeaders, body: [UInt8], endpoint: Endpoint) -> ProviderError {
        let secrets = endpoint.credential.secrets
        let parsed = AnthropicWire.Reply.read(body)
        let type = parsed?.error?.type
        let text = parsed?.error?.message.map { NativeWire.oneLine($0, secrets: secrets) }
            ?? (parsed == nil ? NativeWire.bodySnippet(body, secrets: secrets) : nil)
        let detail = " (HTTP \(status)" + (type.map { ", \($0)" } ?? "") + (text.map { ": \($0)" } ?? "") + ")"
        let name = endpoint.name
        var error = ProviderError(category: NativeWire.category(forStatus: status), status: status, message: "",
                                  providerCode: type, retryAfter: RetryAfter.seconds(from: headers, now: Date()),
                                  shouldRetry: NativeWire.shouldRetry(headers),
                                  requestID: parsed?.requestID ?? headers["request-id"])
        switch (status, type ?? "") {
        case (401, _), (_, "authentication_error"):
            error.category = .auth
            if let source = endpoint.credential.source {
                error.message = "\(name) rejected the API key in \(source)\(detail); check that it is current, or export a new one"
            } else {
                error.message = "\(name) requires an API key\(detail): export \(endpoint.credentialHint ?? "ANTHROPIC_API_KEY")"
            }
        case (403, _), (_, "permission_error"):
            error.category = .permission
            let source = NativeWire.credentialSource(endpoint, fallback: "ANTHROPIC_API_KEY")
            error.message = "\(name) refused access\(detail); check that the key in \(source) may use this model"
        case (404, _), (_, "not_found_error"):
            error.category = .notFound
            error.message = "\(name) has no such model or route\(detail); check the model name and the base URL \(endpoint.baseURL)"
        case (413, _), (_, "request_too_large"):
            error.category = .badRequest
            error.message = "\(name) says the request is too large\(detail); shorten the conversation or the input"
        case (400..<500, _) where ErrorHints.isCreditBalance(text):
            error.category = .badRequest
            error.shouldRetry = false
            error.message = "\(name) refused the request\(detail); \(ErrorHints.creditBalance)"
        case (400..<500, _) where ErrorHints.isContextLength(text):
            error.category = .badRequest
            error.message = "\(name) rejected the request\(detail); \(ErrorHints.contextLength)"
        case (_, "billing_error"):
            error.category = .badRequest
            error.shouldRetry = false
            error.message = "\(name) refused for billing reasons\(detail); check the account's credits, retrying will not help"
        case (429, _), (_, "rate_limit_error"):
            error.category = .rateLimited
            let wait = error.retryAfter.map { "wait \(NativeWire.seconds($0)) and retry" } ?? "wait a moment and retry"
            error.message = "\(name) is rate limiting requests\(detail); \(wait), or send fewer requests"
        case (503, _), (529, _), (_, "overloaded_error"):
            error.category = .overloaded
            error.message = "\(name) is overloaded\(detail); retry in a moment"
        case (400..<500, _):
            error.category = .badRequest
            error.message = "\(name) rejected the request\(detail); check the model name and options (temperature, max tokens, stop)"
        default:
            error.category = .server
            error.message = "\(name) had a server error\(detail); retry in a moment"
        }
        return error
    }
}

/// Anthropic's token counts as they accumulate over a stream.
struct AnthropicUsage: Equatable {
    var input: Int?
    var cacheCreation: Int?
    var cacheRead: Int?
    var output: Int?

    /// Applies one `usage` object: each count present replaces the earlier one (`output_tokens` is
    /// cumulative, and `message_delta` may repeat some input counts but not others).
    func merging(_ wire: AnthropicWire.WireUsage) -> AnthropicUsage {
        AnthropicUsage(input: wire.inputTokens ?? input,
                       cacheCreation: wire.cacheCreationInputTokens ?? cacheCreation,
                       cacheRead: wire.cacheReadInputTokens ?? cacheRead,
                       output: wire.outputTokens ?? output)
    }

    /// Cached prompt tokens are input too: total input = input + cache writes + cache reads; the
    /// SDK's `input_tokens` is what remains after taking out `cached_input_tokens` and `cache_write_tokens`.
    var usage: Usage {
        let totalInput = input.map { $0.adding(saturating: cacheCreation ?? 0).adding(saturating: cacheRead ?? 0) }
        return Usage(inputTokens: totalInput, outputTokens: output,
                     totalTokens: totalInput.flatMap { i in output.map { i.adding(saturating: $0) } },
                     cachedInputTokens: cacheRead, cacheWriteTokens: cacheCreation)
    }
}
