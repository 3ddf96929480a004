import LoopbackServer

/// Anthropic Messages, `POST /v1/messages` (providers.md §4).
struct AnthropicRoute: ProviderRoute {
    func validate(_ ctx: RequestContext) -> MockResponse? {
        let key = ctx.request.header("x-api-key") ?? Auth.bearer(ctx.request)
        guard ctx.configuration.accepts(key: key) else {
            let missing = key?.isEmpty ?? true
            return Self.error(401, "authentication_error",
                              missing ? "x-api-key header is required" : "invalid x-api-key", ctx)
        }
        guard ctx.request.header("anthropic-version") != nil else {
            return Self.error(400, "invalid_request_error", "anthropic-version: header is required", ctx)
        }
        guard let json = ctx.json else {
            return Self.error(400, "invalid_request_error", "The request body is not valid JSON.", ctx)
        }
        for field in ["model", "messages", "max_tokens"] where json[field] == nil {
            return Self.error(400, "invalid_request_error", "\(field): Field required", ctx)
        }
        if let model = json.string("model"), model.hasPrefix("missing") {
            return Self.error(404, "not_found_error", "model: \(model)", ctx)
        }
        return nil
    }

    func error(status: Int, _ ctx: RequestContext) -> MockResponse {
        let (type, message): (String, String) = switch status {
        case 400: ("invalid_request_error", "Invalid request.")
        case 401: ("authentication_error", "invalid x-api-key")
        case 402: ("billing_error", "Your credit balance is too low to access the Anthropic API.")
        case 403: ("permission_error", "Your API key does not have permission to use the specified resource.")
        case 404: ("not_found_error", "The requested resource could not be found.")
        case 413: ("request_too_large", "Request exceeds the maximum allowed number of bytes.")
        case 429: ("rate_limit_error", "This request would exceed the rate limit for your organization "
                   + "of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.")
        case 504: ("timeout_error", "Request timed out.")
        case 529: ("overloaded_error", "Overloaded")
        default: ("api_error", "Internal server error")
        }
        return Self.error(status, ctx.fault.errorType ?? type, message, ctx)
    }

    func respond(_ ctx: RequestContext) -> MockResponse {
        let json = ctx.json ?? [:]
        let messages = (json.array("messages") ?? []).compactMap { $0 as? [String: Any] }
        let prompts = [MessageText.of(json["system"])] + messages.map { MessageText.of($0["content"]) }
        let lastUser = messages.last { $0.string("role") == "user" }.map { MessageText.of($0["content"]) } ?? ""
        let plan = ReplyPlan(model: json.string("model") ?? "claude-mock", prompts: prompts, lastUser: lastUser,
                             maxTokens: json.int("max_tokens"), configuration: ctx.configuration, fault: ctx.fault)
        let id = "msg_mock\(ctx.idSuffix)"
        let headers = Self.headers(ctx, limited: false)
        if let rich = AnthropicRich.respond(ctx, id: id, headers: headers) { return rich }
        guard json.bool("stream") == true else {
            let body = #"{"id":"\#(id)","type":"message","role":"assistant","model":\#(JSONText.quote(plan.model)),"#
                + #""content":[{"type":"text","text":\#(JSONText.quote(plan.text))}],"#
                + #""stop_reason":"\#(AnthropicDialect.reason(plan.finish))","stop_sequence":null,"#
                + #""usage":{"input_tokens":\#(plan.inputTokens),"cache_creation_input_tokens":0,"#
                + #""cache_read_input_tokens":0,"output_tokens":\#(plan.count)}}"#
            return .json(200, body, headers: headers)
        }
        return .stream(status: 200, headers: headers,
                       dialect: AnthropicDialect(id: id, model: plan.model, inputTokens: plan.inputTokens), plan: plan)
    }

    static func headers(_ ctx: RequestContext, limited: Bool) -> [(String, String)] {
        var headers = [("request-id", "req_mock\(ctx.idSuffix)"),
                       ("anthropic-ratelimit-requests-limit", "50"),
                       ("anthropic-ratelimit-requests-remaining", limited ? "0" : "49"),
                       ("anthropic-ratelimit-requests-reset", "2025-08-21T12:40:59Z")]
        if let seconds = ctx.retryAfterSeconds { headers.append(("retry-after", String(seconds))) }
        return headers
    }

    static func error(_ status: Int, _ type: String, _ message: String, _ ctx: RequestContext) -> MockResponse {
        .json(status, #"{"type":"error","error":{"type":\#(JSONText.quote(type)),"message":\#(JSONText.quote(message))},"#
            + #""request_id":"req_mock\#(ctx.idSuffix)"}"#, headers: headers(ctx, limited: status == 429))
    }
}

/// Anthropic's named-event SSE stream, as in the SDK fixture `basic_response.txt`.
struct AnthropicDialect: MockDialect {
    let id: String
    let model: String
    let inputTokens: Int

    var contentType: String { "text/event-stream; charset=utf-8" }

    func prologue() -> [Frame] {
        [.sse(event: "message_start", data: #"{"type":"message_start","message":{"id":"\#(id)","type":"message","#
            + #""role":"assistant","content":[],"model":\#(JSONText.quote(model)),"stop_reason":null,"#
            + #""stop_sequence":null,"usage":{"input_tokens":\#(inputTokens),"cache_creation_input_tokens":0,"#
            + #""cache_read_input_tokens":0,"output_tokens":1}}}"#),
         .sse(event: "content_block_start",
              data: #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#),
         .sse(event: "ping", data: #"{"type": "ping"}"#)]
    }

    func delta(index: Int, text: String, finish: Finish?) -> [Frame] {
        [.sse(event: "content_block_delta", data: #"{"type":"content_block_delta","index":0,"#
            + #""delta":{"type":"text_delta","text":\#(JSONText.quote(text))}}"#)]
    }

    func epilogue(tokens: Int, finish: Finish) -> [Frame] {
        [.sse(event: "content_block_stop", data: #"{"type":"content_block_stop","index":0}"#),
         .sse(event: "message_delta", data: #"{"type":"message_delta","delta":{"stop_reason":"\#(Self.reason(finish))","#
            + #""stop_sequence":null},"usage":{"output_tokens":\#(tokens)}}"#)]
    }

    func endMarker(tokens: Int, finish: Finish) -> [Frame] {
        [.sse(event: "message_stop", data: #"{"type":"message_stop"}"#)]
    }

    func streamError(type: String?) -> Frame {
        let type = type ?? "overloaded_error"
        let message = type == "overloaded_error" ? "Overloaded" : "Internal server error"
        return .sse(event: "error", data: #"{"type": "error", "error": {"type": "\#(type)", "message": "\#(message)"}}"#)
    }

    func malformed() -> Frame {
        .sse(event: "content_block_delta",
             data: #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"brok"#)
    }

    static func reason(_ finish: Finish) -> String {
        switch finish {
        case .stop: "end_turn"
        case .length: "max_tokens"
        case .custom(let raw): raw
        }
    }
}
