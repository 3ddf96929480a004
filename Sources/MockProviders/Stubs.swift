struct PendingRoute: ProviderRoute {
    func validate(_ ctx: RequestContext) -> MockResponse? { .json(501, #"{"error":"not yet"}"#) }
    func error(status: Int, _ ctx: RequestContext) -> MockResponse { .json(status, "{}") }
    func respond(_ ctx: RequestContext) -> MockResponse { .json(501, "{}") }
}
extension PendingRoute {
    init(modelID: String, streaming: Bool) { self.init() }
}
typealias BedrockRoute = PendingRoute
