import LLMCore
internal import LoopbackServer
import Synchronization

/// The built-in offline model: a loopback OpenAI chat server started in-process on 127.0.0.1, so
/// streaming, stats and connection reuse are all real even with no network and no API key.
public final class OfflineModel: Sendable {
    public static let modelName = "mock-1"

    private let server = Mutex<LoopbackChatServer?>(nil)

    public init() {}

    /// Starts the server on first use and returns an OpenAI-protocol endpoint for it.
    public func endpoint() throws -> Endpoint {
        let base = try server.withLock { server -> String in
            if let running = server { return running.baseURL }
            let started = try LoopbackChatServer(tokens: 24, model: Self.modelName)
            try started.start()
            server = started
            return started.baseURL
        }
        // The server wants a key like the real API; this one is not a secret.
        return Endpoint(name: "offline", kind: .openAI, baseURL: base + "/v1",
                        credential: .apiKey(Secret("offline-key"), source: "the offline model"))
    }

    /// Stops the server if it was started.
    public func stop() {
        server.withLock { $0?.stop(); $0 = nil }
    }
}
