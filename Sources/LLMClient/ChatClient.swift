import CurlTransport
import Foundation
import LLMCore
import HTTPMessage

/// Runs chat requests: provider (pure) → per-request scope on the shared engine → decoder → events.
public struct ChatClient: Sendable {
    let engine: CurlEngine
    let transferOptions: TransferOptions
    /// The wire-protocol implementations.
    public let catalog: ProviderCatalog

    /// A client whose requests run on `engine`'s shared pool.
    public init(engine: HTTPEngine, catalog: ProviderCatalog = .builtIn) {
        self.engine = engine.curl
        self.transferOptions = engine.transferOptions
        self.catalog = catalog
    }

    /// Sends one request and streams its events to `onEvent` as they arrive.
    ///
    /// Throws `ChatFailure` carrying the partial reply. After the provider's end marker the body is still
    /// read to its end, so the connection goes back to the pool instead of being discarded. `limits`
    /// adds client-side time limits (a `TimeoutError` names the one that fired); by default there are none.
    public func send(_ request: ChatRequest, to endpoint: Endpoint, limits: AttemptLimits = .none,
                     onEvent: @Sendable (ChatEvent) -> Void = { _ in }) async throws(ChatFailure) -> ChatResult {
        let clock = ContinuousClock()
        let started = clock.now
        let collector = ReplyCollector(model: request.model, endpoint: endpoint)
        var options = transferOptions
        if let connect = limits.connect { options.connectTimeout = connect }
        let watchdog = limits.needsWatchdog(streaming: request.stream)
            ? TimeoutWatchdog(limits: limits, streaming: request.stream, start: started, host: endpoint.hostForMessages)
            : nil
        do {
            let provider = try catalog.provider(for: endpoint.kind)
            let spec = try provider.makeRequest(request, endpoint: endpoint, context: RequestContext(date: Date()))
            return try await withoutActuallyEscaping(onEvent) { onEvent in
                try await TimeoutWatchdog.race(watchdog) { [engine, options] in
                    try await engine.withScope { client in
                        try await Self.exchange(request, spec: spec, provider: provider, endpoint: endpoint,
                                                client: client, options: options, collector: collector,
                                                watchdog: watchdog, started: started, onEvent: onEvent)
                    }
                }
            }
        } catch {
            let chatError = Self.chatError(error, connectTimeout: options.connectTimeout, endpoint: endpoint)
            // A reply that broke after its head did use a connection: report it (new or reused, timings).
            if collector.metrics == nil, let response = collector.response { collector.metrics = await response.metrics() }
            let partial = collector.result(total: clock.now - started, outcome: chatError.outcome,
                                           status: chatError.httpStatus)
            throw ChatFailure(chatError, partial: partial)
        }
    }

    /// One HTTP exchange inside the request's scope: head, then the streamed or whole body.
    private static func exchange(_ request: ChatRequest, spec: HTTPRequestSpec, provider: any ChatProvider,
                                 endpoint: Endpoint, client: ScopedClient, options: TransferOptions,
                                 collector: ReplyCollector, watchdog: TimeoutWatchdog?,
                                 started: ContinuousClock.Instant,
                                 onEvent: @escaping @Sendable (ChatEvent) -> Void) async throws -> ChatResult {
        let clock = ContinuousClock()
        let response = try await client.send(spec, options: options)
        collector.response = response
        guard (200..<300).contains(response.status) else {
            let body = try await response.readAll(limit: 256 * 1024)
            collector.metrics = await response.metrics()
            throw provider.decodeError(status: response.status, headers: response.headers, body: body, endpoint: endpoint)
        }
        let deliver: @Sendable (ChatEvent) -> Void = { event in
            if let watchdog, event.isDelta { watchdog.sawDelta() }
            onEvent(event)
        }
        if request.stream {
            var decoder = provider.makeStreamDecoder(for: endpoint)
            for try await chunk in response.body where !collector.ended {
                watchdog?.sawBytes()
                try collector.handle(try decoder.decode(chunk), at: clock.now - started, deliver)
            }
            if !collector.ended { try collector.handle(try decoder.finish(), at: clock.now - started, deliver) }
            // Drain anything after the end marker so libcurl can keep the connection.
            for try await _ in response.body {}
        } else {
            let body = try await response.readAll(limit: 64 << 20)
            try collector.handle(try provider.decodeResponse(body, from: endpoint), at: clock.now - started, deliver)
        }
        collector.metrics = await response.metrics()
        return collector.result(total: clock.now - started, outcome: .ok, status: response.status)
    }

    /// Every error below LLMClient as one typed `ChatError`. libcurl reports its connect limit as a
    /// plain transport timeout; the error says which limit it was.
    static func chatError(_ error: any Error, connectTimeout: Duration?, endpoint: Endpoint) -> ChatError {
        switch error {
        case let e as ChatError: return e
        case is CancellationError: return ChatError(.cancelled)
        case let e as ProviderError: return ChatError(.provider(e.redacted(Redactor(secrets: endpoint.credential.secrets))))
        case let e as TimeoutError: return ChatError(.timeout(e))
        case let e as ConfigError: return ChatError(.config(e))
        case let e as TransportError:
            if e.kind == .timeout, let connectTimeout {
                return ChatError(.timeout(TimeoutError(.connect, seconds: connectTimeout.milliseconds / 1000,
                                                       hint: "without connecting to \(endpoint.hostForMessages)")))
            }
            return ChatError(.network(NetworkFailureKind(rawValue: e.kind.rawValue) ?? .other, message: e.message))
        default: return ChatError(.other(String(describing: error)))
        }
    }
}
