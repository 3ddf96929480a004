import Synchronization
/// An OpenAI-protocol chat server on 127.0.0.1 that answers every prompt with a planned reply
/// (`Mock reply to: <first words>.` then `tokenN` filler), streamed over real HTTP/1.1 with
/// keep-alive, so the offline model's streaming, stats and connection reuse are real.
public final class LoopbackChatServer: Sendable {
    private let core: ServerCore

    /// Binds 127.0.0.1:`port` (0 = any free port); call `start()` to serve.
    /// - Parameters:
    ///   - tokens: reply length in tokens, one stream delta each.
    ///   - model: the model named in replies when a request names none.
    public init(port: Int = 0, tokens: Int, model: String) throws(LoopbackServerError) {
        core = try ServerCore(name: "llmctl loopback server", port: port,
                              responder: OpenAIChatResponder(tokens: tokens, defaultModel: model))
    }

    deinit { core.stop() }

    /// Starts accepting connections. Calling it twice is harmless.
    public func start() throws(LoopbackServerError) { try core.start() }

    /// Closes the listener and every connection and waits for all server threads to finish.
    public func stop() { core.stop() }

    /// The bound TCP port.
    public var port: Int { core.port }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(core.port)" }

    /// TCP connections accepted since start: one for many requests when clients keep connections alive.
    public var acceptedConnections: Int { core.accepted.load(ordering: .relaxed) }

    /// Requests answered since start.
    public var requestsServed: Int { core.requests.load(ordering: .relaxed) }
}
