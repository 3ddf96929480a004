import LoopbackServer

/// Gemini `models/{model}:streamGenerateContent` and `:generateContent`, on `/v1beta` or `/v1`
/// (providers.md §5). Without `alt=sse` the stream is Google's JSON-array mode, so tests can catch a
/// client that forgot to ask for SSE.
struct GeminiRoute: ProviderRoute {
    let model: String
    let streaming: Bool

    /// Streaming without `alt=sse`: the reply (and any error) is one JSON array.
    func arrayMode(_ ctx: RequestContext) -> Bool { streaming && ctx.request.query("alt") != "sse" }

    func validate(_ ctx: RequestContext) -> MockResponse? {
        let key = ctx.request.header("x-goog-api-key") ?? ctx.request.query("key")
        if !ctx.configuration.accepts(key: key) {
            if key?.isEmpty ?? true {
                return error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without "
                    + "established identity). Please use API Key or other form of API consumer identity to call "
                    + "this API.", ctx)
            }
            let message = "API key not valid. Please pass a valid API key."
            return error(400, "INVALID_ARGUMENT", message, ctx, details: [
                #"{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","#
                    + #""domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}"#,
                #"{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"en-US","message":"\#(message)"}"#,
            ])
        }
        guard let json = ctx.json else {
            return error(400, "INVALID_ARGUMENT", "Invalid JSON payload received.", ctx)
        }
        guard json.array("contents") != nil else {
            return error(400, "INVALID_ARGUMENT", "* GenerateContentRequest.contents: contents is not specified\n", ctx)
        }
        if model.hasPrefix("missing") {
            return error(404, "NOT_FOUND", "models/\(model) is not found for API version v1beta, or is not supported "
                + "for generateContent. Call ListModels to see the list of available models and their supported "
                + "methods.", ctx)
        }
        return nil
    }

    func error(status: Int, _ ctx: RequestContext) -> MockResponse {
        let name = ctx.fault.errorType ?? Self.statusName(status)
        guard status == 429 else { return error(status, name, Self.message(name), ctx) }
        let delay = ctx.fault.retryAfter.map { "\(max(1, ($0.wholeMilliseconds + 999) / 1000))s" } ?? "2s"
        return error(429, name, "You exceeded your current quota, please check your plan and billing details. "
            + "For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.", ctx,
            details: [
                #"{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"#
                    + #""generativelanguage.googleapis.com/generate_content_free_tier_requests","#
                    + #""quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier","quotaValue":"10"}]}"#,
                #"{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Learn more about Gemini API quotas","#
                    + #""url":"https://ai.google.dev/gemini-api/docs/rate-limits"}]}"#,
                #"{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"\#(delay)"}"#,
            ])
    }

    func respond(_ ctx: RequestContext) -> MockResponse {
        if let rich = GeminiRich.respond(ctx, model: model, arrayMode: arrayMode(ctx), streaming: streaming) { return rich }
        let json = ctx.json ?? [:]
        let contents = (json.array("contents") ?? []).compactMap { $0 as? [String: Any] }
        func text(_ content: [String: Any]?) -> String { MessageText.of(content?["parts"]) }
        let lastUser = contents.last { ($0.string("role") ?? "user") == "user" }
        let plan = ReplyPlan(model: model, prompts: [text(json.object("systemInstruction"))] + contents.map(text),
                             lastUser: text(lastUser),
                             maxTokens: json.object("generationConfig")?.int("maxOutputTokens"),
                             configuration: ctx.configuration, fault: ctx.fault)
        let dialect = GeminiDialect(model: model, responseID: "mockResp\(ctx.idSuffix)",
                                    inputTokens: plan.inputTokens, arrayMode: arrayMode(ctx))
        guard streaming else {
            let body = dialect.response(text: plan.text, finish: plan.finish, outputTokens: plan.count)
            return .json(200, body)
        }
        return .stream(status: 200, headers: [], dialect: dialect, plan: plan)
    }

    private func error(_ status: Int, _ name: String, _ message: String, _ ctx: RequestContext,
                       details: [String] = []) -> MockResponse {
        let detailPart = details.isEmpty ? "" : #","details":[\#(details.joined(separator: ","))]"#
        let body = #"{"error":{"code":\#(status),"message":\#(JSONText.quote(message)),"status":"\#(name)"\#(detailPart)}}"#
        return .json(status, arrayMode(ctx) ? "[\(body)]" : body)
    }

    static func statusName(_ status: Int) -> String {
        switch status {
        case 400: "INVALID_ARGUMENT"
        case 403: "PERMISSION_DENIED"
        case 404: "NOT_FOUND"
        case 429: "RESOURCE_EXHAUSTED"
        case 503: "UNAVAILABLE"
        case 504: "DEADLINE_EXCEEDED"
        default: "INTERNAL"
        }
    }

    static func code(_ name: String) -> Int {
        switch name {
        case "INVALID_ARGUMENT", "FAILED_PRECONDITION": 400
        case "PERMISSION_DENIED": 403
        case "NOT_FOUND": 404
        case "RESOURCE_EXHAUSTED": 429
        case "UNAVAILABLE": 503
        case "DEADLINE_EXCEEDED": 504
        default: 500
        }
    }

    static func message(_ name: String) -> String {
        switch name {
        case "UNAVAILABLE": "The model is overloaded. Please try again later."
        case "DEADLINE_EXCEEDED": "Deadline expired before operation could complete."
        case "INTERNAL": "An internal error has occurred. Please retry or report in "
            + "https://developers.generativeai.google/guide/troubleshooting"
        case "PERMISSION_DENIED": "The caller does not have permission"
        case "NOT_FOUND": "Requested entity was not found."
        default: "Request contains an invalid argument."
        }
    }
}
