import LoopbackServer

/// Azure OpenAI chat completions (providers.md §3): the classic deployment path with a mandatory
/// `api-version`, and the v1 path where the body's `model` names the deployment.
struct AzureRoute: ProviderRoute {
    /// The deployment from a classic path; nil on `/openai/v1/…`.
    let deployment: String?

    func validate(_ ctx: RequestContext) -> MockResponse? {
        if deployment != nil {
            guard let version = ctx.request.query("api-version"), !version.isEmpty else {
                return Self.error(404, code: "404", "Resource not found", ctx)
            }
        } else if !ctx.request.path.hasPrefix("/openai/v1/") {
            return Self.error(404, code: "404", "Resource not found", ctx)
        }
        let key = ctx.request.header("api-key") ?? Auth.bearer(ctx.request)
        guard ctx.configuration.accepts(key: key) else { return error(status: 401, ctx) }
        guard ctx.json != nil else {
            return Self.error(400, code: "BadRequest", "The request body is not valid JSON.", ctx)
        }
        let name = deployment ?? ctx.json?.string("model") ?? ""
        if name.isEmpty || name.hasPrefix("missing") {
            return Self.error(404, code: "DeploymentNotFound", "The API deployment for this resource does not exist. "
                + "If you created the deployment within the last 5 minutes, please wait a moment and try again.", ctx)
        }
        return nil
    }

    func error(status: Int, _ ctx: RequestContext) -> MockResponse {
        let version = ctx.request.query("api-version") ?? "v1"
        switch status {
        case 401:
            return Self.error(401, code: "401", "Access denied due to invalid subscription key or wrong API endpoint. "
                + "Make sure to provide a valid key for an active subscription and use a correct regional API "
                + "endpoint for your resource.", ctx)
        case 429:
            return Self.error(429, code: ctx.fault.errorType ?? "429",
                "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version \(version) have "
                + "exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after "
                + "\(ctx.retryAfterSeconds ?? 1) seconds. Please go here: https://aka.ms/oai/quotaincrease if you "
                + "would like to further increase the default rate limit.", ctx)
        case 400:
            return Self.error(400, code: ctx.fault.errorType ?? "BadRequest", "Invalid request.", ctx)
        case 404:
            return Self.error(404, code: ctx.fault.errorType ?? "404", "Resource not found", ctx)
        default:
            return Self.error(status, code: ctx.fault.errorType ?? String(status),
                "The server had an error while processing your request. Sorry about that!", ctx)
        }
    }

    func respond(_ ctx: RequestContext) -> MockResponse {
        let chat = OpenAIChat(ctx, defaultModel: deployment ?? "gpt-mock")
        let id = "chatcmpl-mock\(ctx.idSuffix)"
        let headers = Self.headers(ctx)
        if let rich = OpenAIRich.respond(ctx, id: id, model: deployment ?? chat.plan.model, headers: headers) { return rich }
        guard chat.stream else {
            return .json(200, AzureDialect.completionJSON(chat, id: id, created: ctx.created), headers: headers)
        }
        let dialect = AzureDialect(id: id, created: ctx.created, model: deployment ?? chat.plan.model,
                                   inputTokens: chat.plan.inputTokens, includeUsage: chat.includeUsage)
        return .stream(status: 200, headers: headers, dialect: dialect, plan: chat.plan)
    }

    static func headers(_ ctx: RequestContext) -> [(String, String)] {
        var headers = [("apim-request-id", "mock-\(ctx.idSuffix)"), ("x-ms-region", "East US"),
                       ("x-ratelimit-remaining-requests", "99"), ("x-ratelimit-remaining-tokens", "99990")]
        if let retry = ctx.fault.retryAfter {
            headers += [("retry-after", String(ctx.retryAfterSeconds ?? 1)),
                        ("retry-after-ms", String(retry.wholeMilliseconds))]
        }
        return headers
    }

    static func error(_ status: Int, code: String, _ message: String, _ ctx: RequestContext) -> MockResponse {
        .json(status, #"{"error":{"code":\#(JSONText.quote(code)),"message":\#(JSONText.quote(message))}}"#,
              headers: headers(ctx))
    }
}
