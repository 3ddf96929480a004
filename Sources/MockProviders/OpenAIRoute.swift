import LoopbackServer

/// `POST …/chat/completions` in OpenAI's dialect (providers.md §2).
struct OpenAIRoute: ProviderRoute {
    func validate(_ ctx: RequestContext) -> MockResponse? {
        let key = Auth.bearer(ctx.request)
        guard ctx.configuration.accepts(key: key) else { return Self.invalidKey(key, ctx) }
        guard let json = ctx.json else {
            return Self.error(400, "We could not parse the JSON body of your request. (HINT: This likely means you "
                + "aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was "
                + "sent was not valid JSON.)", type: "invalid_request_error", code: nil, ctx)
        }
        guard let model = json.string("model"), !model.isEmpty else {
            return Self.error(400, "you must provide a model parameter", type: "invalid_request_error", code: nil, ctx)
        }
        guard json.array("messages") != nil else {
            return Self.error(400, "Missing required parameter: 'messages'.", type: "invalid_request_error",
                              code: "missing_required_parameter", param: "messages", ctx)
        }
        if model.hasPrefix("missing") {
            return Self.error(404, "The model `\(model)` does not exist or you do not have access to it.",
                              type: "invalid_request_error", code: "model_not_found", ctx)
        }
        return nil
    }

    func error(status: Int, _ ctx: RequestContext) -> MockResponse {
        let override = ctx.fault.errorType
        switch status {
        case 401: return Self.invalidKey("sk-mock-rejected", ctx)
        case 429 where override == "insufficient_quota":
            return Self.error(429, "You exceeded your current quota, please check your plan and billing details. "
                + "For more information on this error, read the docs: "
                + "https://platform.openai.com/docs/guides/error-codes/api-errors.",
                type: "insufficient_quota", code: "insufficient_quota", ctx)
        case 429:
            let wait = ctx.retryAfterSeconds ?? 20
            return Self.error(429, "Rate limit reached for gpt-4o-mini in organization org-mock on requests per min "
                + "(RPM): Limit 3, Used 3, Requested 1. Please try again in \(wait)s. Visit "
                + "https://platform.openai.com/account/rate-limits to learn more.",
                type: override ?? "requests", code: "rate_limit_exceeded", ctx)
        default:
            let (message, type, code) = Self.shape(status)
            return Self.error(status, message, type: override ?? type, code: code, ctx)
        }
    }

    func respond(_ ctx: RequestContext) -> MockResponse {
        let chat = OpenAIChat(ctx)
        let id = "chatcmpl-mock\(ctx.idSuffix)"
        let headers = Self.headers(ctx)
        if let rich = OpenAIRich.respond(ctx, id: id, model: chat.plan.model, headers: headers) { return rich }
        guard chat.stream else {
            return .json(200, chat.completionJSON(id: id, created: ctx.created), headers: headers)
        }
        let dialect = OpenAIDialect(id: id, created: ctx.created, model: chat.plan.model,
                                    inputTokens: chat.plan.inputTokens, includeUsage: chat.includeUsage,
                                    obfuscate: chat.obfuscate)
        return .stream(status: 200, headers: headers, dialect: dialect, plan: chat.plan)
    }

    /// `x-request-id`, rate-limit headers and, when the fault asks, `retry-after`/`retry-after-ms`.
    static func headers(_ ctx: RequestContext, limited: Bool = false) -> [(String, String)] {
        var headers = [("x-request-id", "req_mock\(ctx.idSuffix)"), ("openai-processing-ms", "1"),
                       ("x-ratelimit-limit-requests", "10000"), ("x-ratelimit-limit-tokens", "30000000"),
                       ("x-ratelimit-remaining-requests", limited ? "0" : "9999"),
                       ("x-ratelimit-remaining-tokens", limited ? "0" : "29999990"),
                       ("x-ratelimit-reset-requests", limited ? "20s" : "6ms"),
                       ("x-ratelimit-reset-tokens", "0s")]
        if let retry = ctx.fault.retryAfter {
            headers += [("retry-after", String(ctx.retryAfterSeconds ?? 1)),
                        ("retry-after-ms", String(retry.wholeMilliseconds))]
        }
        return headers
    }

    static func error(_ status: Int, _ message: String, type: String, code: String?, param: String? = nil,
                      _ ctx: RequestContext) -> MockResponse {
        .json(status, OpenAIChat.errorJSON(message, type: type, code: code, param: param),
              headers: headers(ctx, limited: status == 429))
    }

    /// The 401 for a missing or rejected key, with the key masked the way OpenAI masks it.
    static func invalidKey(_ key: String?, _ ctx: RequestContext) -> MockResponse {
        guard let key, !key.isEmpty else {
            return error(401, "You didn't provide an API key. You need to provide your API key in an Authorization "
                + "header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with "
                + "blank username) if you're accessing the API from your browser and are prompted for a username. "
                + "You can obtain an API key from https://platform.openai.com/account/api-keys.",
                type: "invalid_request_error", code: nil, ctx)
        }
        let masked = key.count > 6 ? "\(key.prefix(3))...\(key.suffix(3))" : "***"
        return error(401, "Incorrect API key provided: \(masked). You can find your API key at "
            + "https://platform.openai.com/account/api-keys.", type: "invalid_request_error",
            code: "invalid_api_key", ctx)
    }

    private static func shape(_ status: Int) -> (String, String, String?) {
        switch status {
        case 400: ("Invalid request.", "invalid_request_error", nil)
        case 403: ("You are not allowed to sample from this model", "invalid_request_error", nil)
        case 404: ("The model `gpt-mock` does not exist or you do not have access to it.",
                   "invalid_request_error", "model_not_found")
        case 408: ("Request timed out.", "timeout", nil)
        case 409: ("Conflict.", "invalid_request_error", nil)
        case 422: ("Unprocessable entity.", "invalid_request_error", nil)
        case 503: ("The engine is currently overloaded, please try again later.", "server_error", nil)
        case 500...: ("The server had an error while processing your request. Sorry about that!", "server_error", nil)
        default: ("Request failed with status \(status).", "invalid_request_error", nil)
        }
    }
}

extension OpenAIChat {
    /// The chat body of `ctx`, its reply planned as the server's configuration and the fault ask.
    init(_ ctx: RequestContext, defaultModel: String = "gpt-mock") {
        self.init(json: ctx.json, defaultModel: defaultModel, tokens: ctx.fault.tokens ?? ctx.configuration.tokens,
                  replyText: ctx.configuration.replyText, finishReason: ctx.fault.finishReason)
    }
}

/// Credential extraction shared by the routes.
enum Auth {
    /// The token of an `Authorization: Bearer …` header.
    static func bearer(_ request: HTTPRequest) -> String? { request.bearerToken }
}
