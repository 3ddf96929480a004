import LoopbackServer

/// Ollama's native `POST /api/chat`, NDJSON (providers.md §7). No authentication, as in Ollama.
struct OllamaRoute: ProviderRoute {
    func validate(_ ctx: RequestContext) -> MockResponse? {
        guard let json = ctx.json else { return Self.error(400, "invalid character in request body") }
        guard let model = json.string("model"), !model.isEmpty else { return Self.error(400, "model is required") }
        if model.hasPrefix("missing") { return Self.error(404, "model '\(model)' not found") }
        return nil
    }

    func error(status: Int, _ ctx: RequestContext) -> MockResponse {
        let message: String = switch status {
        case 400: "invalid request"
        case 404: "model 'mock' not found"
        case 429, 503: "server busy, please try again.  maximum pending requests exceeded"
        default: "an error was encountered while running the model"
        }
        return Self.error(status, ctx.fault.errorType ?? message)
    }

    func respond(_ ctx: RequestContext) -> MockResponse {
        if let rich = OllamaRich.respond(ctx) { return rich }
        let json = ctx.json ?? [:]
        let messages = (json.array("messages") ?? []).compactMap { $0 as? [String: Any] }
        let lastUser = messages.last { $0.string("role") == "user" }.map { MessageText.of($0["content"]) } ?? ""
        let plan = ReplyPlan(model: json.string("model") ?? "llama3.2",
                             prompts: messages.map { MessageText.of($0["content"]) }, lastUser: lastUser,
                             maxTokens: json.object("options")?.int("num_predict"),
                             configuration: ctx.configuration, fault: ctx.fault)
        let dialect = OllamaDialect(model: plan.model, inputTokens: plan.inputTokens, start: .now)
        guard json.bool("stream") ?? true else {
            let body = dialect.object(content: plan.text, done: true, tokens: plan.count, finish: plan.finish)
            return .full(status: 200, headers: [("content-type", "application/json; charset=utf-8")],
                         body: Array(body.utf8))
        }
        return .stream(status: 200, headers: [], dialect: dialect, plan: plan)
    }

    static func error(_ status: Int, _ message: String) -> MockResponse {
        .full(status: status, headers: [("content-type", "application/json; charset=utf-8")],
              body: Array(#"{"error":\#(JSONText.quote(message))}"#.utf8))
    }
}

/// One JSON object per line; the last has `done: true`, the usage and durations in nanoseconds.
struct OllamaDialect: MockDialect {
    let model: String
    let inputTokens: Int
    let start: ContinuousClock.Instant

    var contentType: String { "application/x-ndjson" }

    func prologue() -> [Frame] { [] }

    func delta(index: Int, text: String, finish: Finish?) -> [Frame] {
        [.line(object(content: text, done: false, tokens: 0, finish: nil))]
    }

    func epilogue(tokens: Int, finish: Finish) -> [Frame] { [] }

    func endMarker(tokens: Int, finish: Finish) -> [Frame] {
        [.line(object(content: "", done: true, tokens: tokens, finish: finish))]
    }

    func streamError(type: String?) -> Frame {
        .line(#"{"error":\#(JSONText.quote(type ?? "an error was encountered while running the model: unexpected EOF"))}"#)
    }

    func malformed() -> Frame {
        .line(#"{"model":\#(JSONText.quote(model)),"created_at":"\#(Clock.rfc3339Nanos())","message":{"role":"assistant","content":"brok"#)
    }

    /// A chat response object; the final one carries `done_reason`, counts and timings.
    func object(content: String, done: Bool, tokens: Int, finish: Finish?) -> String {
        let head = #"{"model":\#(JSONText.quote(model)),"created_at":"\#(Clock.rfc3339Nanos())","#
            + #""message":{"role":"assistant","content":\#(JSONText.quote(content))},"done":\#(done)"#
        guard done else { return head + "}" }
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        let total = max(1, Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
        let load = min(total / 10, 1_334_875)
        let promptEval = (total - load) / 5
        let reason = switch finish ?? .stop {
        case .stop: "stop"
        case .length: "length"
        case .custom(let raw): raw
        }
        return head + #","done_reason":"\#(reason)","total_duration":\#(total),"load_duration":\#(load),"#
            + #""prompt_eval_count":\#(inputTokens),"prompt_eval_duration":\#(promptEval),"#
            + #""eval_count":\#(tokens),"eval_duration":\#(total - load - promptEval)}"#
    }
}
