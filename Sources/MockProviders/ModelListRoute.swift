import LoopbackServer

/// Model listings in each provider's shape: OpenAI `GET /v1/models`, Anthropic `GET /v1/models`
/// (told apart by `anthropic-version`), Gemini `GET /v1beta/models`, Ollama `GET /api/tags`.
struct ModelListRoute: ProviderRoute {
    enum Style { case openAI, anthropic, gemini, ollama }
    let style: Style

    static let openAIModels = ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "o4-mini", "mock-1"]
    static let anthropicModels = ["claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1"]
    static let geminiModels = ["gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.0-flash"]
    static let ollamaModels = ["llama3.2:latest", "qwen2.5:7b", "mistral:latest"]

    func validate(_ ctx: RequestContext) -> MockResponse? {
        let request = ctx.request
        switch style {
        case .openAI:
            let key = Auth.bearer(request) ?? request.header("api-key")
            return ctx.configuration.accepts(key: key) ? nil : OpenAIRoute.invalidKey(key, ctx)
        case .anthropic:
            let key = request.header("x-api-key") ?? Auth.bearer(request)
            return ctx.configuration.accepts(key: key) ? nil
                : AnthropicRoute.error(401, "authentication_error", "invalid x-api-key", ctx)
        case .gemini:
            let key = request.header("x-goog-api-key") ?? request.query("key")
            return ctx.configuration.accepts(key: key) ? nil : GeminiRoute(model: "", streaming: false)
                .validate(ctx)
        case .ollama:
            return nil
        }
    }

    func error(status: Int, _ ctx: RequestContext) -> MockResponse {
        switch style {
        case .openAI: OpenAIRoute().error(status: status, ctx)
        case .anthropic: AnthropicRoute().error(status: status, ctx)
        case .gemini: GeminiRoute(model: "", streaming: false).error(status: status, ctx)
        case .ollama: OllamaRoute().error(status: status, ctx)
        }
    }

    func respond(_ ctx: RequestContext) -> MockResponse {
        switch style {
        case .openAI:
            let entries = Self.openAIModels.map {
                #"{"id":"\#($0)","object":"model","created":1715367049,"owned_by":"system"}"#
            }
            return .json(200, #"{"object":"list","data":[\#(entries.joined(separator: ","))]}"#,
                         headers: OpenAIRoute.headers(ctx))
        case .anthropic:
            let entries = Self.anthropicModels.map {
                #"{"type":"model","id":"\#($0)","display_name":"\#($0)","created_at":"2025-09-29T00:00:00Z"}"#
            }
            return .json(200, #"{"data":[\#(entries.joined(separator: ","))],"has_more":false,"#
                + #""first_id":"\#(Self.anthropicModels[0])","last_id":"\#(Self.anthropicModels.last!)"}"#)
        case .gemini:
            let entries = Self.geminiModels.map {
                #"{"name":"models/\#($0)","displayName":"\#($0)","inputTokenLimit":1048576,"#
                    + #""outputTokenLimit":65536,"supportedGenerationMethods":["generateContent","#
                    + #""streamGenerateContent","countTokens"]}"#
            }
            return .json(200, #"{"models":[\#(entries.joined(separator: ","))]}"#)
        case .ollama:
            let entries = Self.ollamaModels.map {
                #"{"name":"\#($0)","model":"\#($0)","modified_at":"2025-01-01T00:00:00Z","size":2019393189,"#
                    + #""digest":"a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72","#
                    + #""details":{"format":"gguf","family":"llama","parameter_size":"3.2B","quantization_level":"Q4_K_M"}}"#
            }
            return .json(200, #"{"models":[\#(entries.joined(separator: ","))]}"#)
        }
    }
}
