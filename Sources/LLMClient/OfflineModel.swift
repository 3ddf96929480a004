import LLMCore

/// The built-in offline model (MockProviders served in-process); the server half lands with MockProviders.
public final class OfflineModel: Sendable {
    public static let shared = OfflineModel()
    public static let modelName = "mock-1"
    public init() {}
    public func endpoint() throws -> Endpoint {
        throw ConfigError(message: "offline model not available yet")
    }
    public func stop() {}
}
