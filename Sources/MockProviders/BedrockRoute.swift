import LoopbackServer

/// Bedrock Runtime `POST /model/{modelId}/converse-stream` and `/converse` (providers.md §6), with
/// real SigV4 verification or a Bedrock API key (`Authorization: Bearer`).
struct BedrockRoute: ProviderRoute {
    let modelID: String
    let streaming: Bool

    func validate(_ ctx: RequestContext) -> MockResponse? {
        let config = ctx.configuration
        if let token = Auth.bearer(ctx.request) {
            guard config.accepts(key: token) else {
                return Self.error(403, "UnrecognizedClientException", "Invalid API Key format: Must start with "
                    + "pre-defined prefix", ctx, coral: true)
            }
        } else if ctx.request.header("authorization") == nil {
            if !config.allowMissingKey {
                return Self.error(403, "MissingAuthenticationTokenException", "Missing Authentication Token", ctx,
                                  coral: true)
            }
        } else if let failure = SigV4.verify(ctx.request, accessKeyID: config.awsAccessKeyID,
                                             secret: config.awsSecretAccessKey) {
            return Self.error(403, failure.errorType, failure.message, ctx, coral: true)
        }
        guard let json = ctx.json else {
            return Self.error(400, "ValidationException",
                              "Malformed input request, please reformat your input and try again.", ctx)
        }
        guard let messages = json.array("messages"), !messages.isEmpty else {
            return Self.error(400, "ValidationException", "A conversation must start with a user message. Try again "
                + "with a conversation that starts with a user message.", ctx)
        }
        if modelID.hasPrefix("missing") {
            return Self.error(404, "ResourceNotFoundException",
                              "Could not resolve the foundation model from the provided model identifier.", ctx)
        }
        return nil
    }

    func error(status: Int, _ ctx: RequestContext) -> MockResponse {
        let (name, message): (String, String) = switch status {
        case 400: ("ValidationException", "Malformed input request, please reformat your input and try again.")
        case 403: ("AccessDeniedException", "You don't have access to the model with the specified model ID.")
        case 404: ("ResourceNotFoundException",
                   "Could not resolve the foundation model from the provided model identifier.")
        case 408: ("ModelTimeoutException", "Model has timed out in processing the request. Try your request again.")
        case 424: ("ModelErrorException", "Received error from the model. Try your request again.")
        case 429: ("ThrottlingException", "Too many requests, please wait before trying again.")
        case 503: ("ServiceUnavailableException", "Bedrock is unable to process your request.")
        default: ("InternalServerException",
                  "The system encountered an unexpected error during processing. Try your request again.")
        }
        return Self.error(status, ctx.fault.errorType ?? name, message, ctx)
    }

    func respond(_ ctx: RequestContext) -> MockResponse {
        let json = ctx.json ?? [:]
        let messages = (json.array("messages") ?? []).compactMap { $0 as? [String: Any] }
        let lastUser = messages.last { $0.string("role") == "user" }.map { MessageText.of($0["content"]) } ?? ""
        let plan = ReplyPlan(model: modelID, prompts: [MessageText.of(json["system"])]
                                 + messages.map { MessageText.of($0["content"]) },
                             lastUser: lastUser, maxTokens: json.object("inferenceConfig")?.int("maxTokens"),
                             configuration: ctx.configuration, fault: ctx.fault)
        let dialect = BedrockDialect(inputTokens: plan.inputTokens, start: .now)
        let headers = [("x-amzn-RequestId", Self.requestID(ctx))]
        if let rich = BedrockRich.respond(ctx, modelID: modelID, streaming: streaming, headers: headers) { return rich }
        guard streaming else {
            let body = #"{"metrics":{"latencyMs":\#(dialect.latencyMs)},"output":{"message":{"content":[{"text":"#
                + #"\#(JSONText.quote(plan.text))}],"role":"assistant"}},"stopReason":"\#(BedrockDialect.reason(plan.finish))","#
                + #""usage":\#(dialect.usage(plan.count))}"#
            return .json(200, body, headers: headers)
        }
        return .stream(status: 200, headers: headers, dialect: dialect, plan: plan)
    }

    static func requestID(_ ctx: RequestContext) -> String { "00000000-0000-4000-8000-0000\(ctx.idSuffix)" }

    /// A pre-stream error: `{"message":…}` with the exception name in `x-amzn-ErrorType`.
    static func error(_ status: Int, _ name: String, _ message: String, _ ctx: RequestContext,
                      coral: Bool = false) -> MockResponse {
        let namespace = coral ? "com.amazon.coral.service" : "com.amazon.bedrock"
        var headers = [("x-amzn-RequestId", requestID(ctx)),
                       ("x-amzn-ErrorType", "\(name):http://internal.amazon.com/coral/\(namespace)/")]
        if let retry = ctx.fault.retryAfter { headers.append(("x-amz-retry-after", String(retry.wholeMilliseconds))) }
        return .json(status, #"{"message":\#(JSONText.quote(message))}"#, headers: headers)
    }
}

/// ConverseStream events as binary event-stream frames: messageStart, contentBlockDelta… (with the
/// `p` padding field and no contentBlockStart for text), contentBlockStop, messageStop, metadata.
struct BedrockDialect: MockDialect {
    let inputTokens: Int
    let start: ContinuousClock.Instant

    var contentType: String { "application/vnd.amazon.eventstream" }

    var latencyMs: Int { max(1, (ContinuousClock.now - start).wholeMilliseconds) }

    func usage(_ output: Int) -> String {
        #"{"inputTokens":\#(inputTokens),"outputTokens":\#(output),"totalTokens":\#(inputTokens + output)}"#
    }

    func prologue() -> [Frame] {
        [.raw(EventStream.event("messageStart", json: #"{"p":"\#(Self.padding(0))","role":"assistant"}"#))]
    }

    func delta(index: Int, text: String, finish: Finish?) -> [Frame] {
        [.raw(EventStream.event("contentBlockDelta", json: #"{"contentBlockIndex":0,"delta":{"text":"#
            + #"\#(JSONText.quote(text))},"p":"\#(Self.padding(index + 1))"}"#))]
    }

    func epilogue(tokens: Int, finish: Finish) -> [Frame] {
        [.raw(EventStream.event("contentBlockStop", json: #"{"contentBlockIndex":0,"p":"\#(Self.padding(tokens + 1))"}"#)),
         .raw(EventStream.event("messageStop", json: #"{"p":"\#(Self.padding(tokens + 2))","#
            + #""stopReason":"\#(Self.reason(finish))"}"#))]
    }

    func endMarker(tokens: Int, finish: Finish) -> [Frame] {
        [.raw(EventStream.event("metadata", json: #"{"metrics":{"latencyMs":\#(latencyMs)},"#
            + #""p":"\#(Self.padding(tokens + 3))","usage":\#(usage(tokens))}"#))]
    }

    func streamError(type: String?) -> Frame {
        let type = type ?? "throttlingException"
        let payload: String = switch type {
        case "throttlingException": #"{"message":"Too many requests, please wait before trying again."}"#
        case "modelStreamErrorException":
            #"{"message":"The model returned an error while streaming.","originalMessage":"Internal error","#
                + #""originalStatusCode":500}"#
        case "serviceUnavailableException": #"{"message":"Bedrock is unable to process your request."}"#
        case "validationException": #"{"message":"The input is invalid."}"#
        default: #"{"message":"The system encountered an unexpected error during processing. Try your request again."}"#
        }
        return .raw(EventStream.exception(type, json: payload))
    }

    func malformed() -> Frame {
        .raw(EventStream.event("contentBlockDelta", json: #"{"contentBlockIndex":0,"delta":{"text":"brok"#))
    }

    static func reason(_ finish: Finish) -> String {
        switch finish {
        case .stop: "end_turn"
        case .length: "max_tokens"
        case .custom(let raw): raw
        }
    }

    /// Random-looking padding whose length varies per event, as in real Bedrock streams.
    static func padding(_ index: Int) -> String {
        String("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".prefix(1 + (index * 7) % 40))
    }
}
