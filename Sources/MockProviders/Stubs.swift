struct PendingRoute: ProviderRoute {
    func validate(_ ctx: RequestContext) -> MockResponse? { .json(501, #"{"error":"not yet"}"#) }
    func error(status: Int, _ ctx: RequestContext) -> MockResponse { .json(status, "{}") }
    func respond(_ ctx: RequestContext) -> MockResponse { .json(501, "{}") }
}
typealias AnthropicRoute = PendingRoute
typealias OllamaRoute = PendingRoute
extension PendingRoute {
    init(model: String, streaming: Bool) { self.init() }
    init(modelID: String, streaming: Bool) { self.init() }
}
typealias GeminiRoute = PendingRoute
typealias BedrockRoute = PendingRoute
