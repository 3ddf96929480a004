import CurlTransport
import Foundation
import LLMCore

/// Runs chat requests: provider (pure) → per-request scope on the shared engine → decoder → events.
public struct ChatClient: Sendable {
    public let engine: CurlEngine
    public var transferOptions: TransferOptions
    private let providerFor: @Sendable (ProviderKind) throws -> any ChatProvider

    public init(engine: CurlEngine = .shared, transferOptions: TransferOptions = .init(),
                providers: @escaping @Sendable (ProviderKind) throws -> any ChatProvider) {
        self.engine = engine
        self.transferOptions = transferOptions
        self.providerFor = providers
    }

    /// Sends one request and streams its events to `onEvent` as they arrive.
    ///
    /// Throws `ChatFailure` carrying the partial reply. After the provider's end marker the body is still
    /// read to its end, so the connection goes back to the pool instead of being discarded.
    public func send(_ request: ChatRequest, to endpoint: Endpoint,
                     onEvent: @Sendable (ChatEvent) -> Void = { _ in }) async throws(ChatFailure) -> ChatResult {
        let clock = ContinuousClock()
        let started = clock.now
        let collector = ReplyCollector(model: request.model, endpoint: endpoint)
        do {
            let provider = try providerFor(endpoint.kind)
            let spec = try provider.makeRequest(request, endpoint: endpoint, context: RequestContext(date: Date()))
            return try await engine.withScope { client in
                let response = try await client.send(TransportRequest(spec), options: transferOptions)
                guard (200..<300).contains(response.status) else {
                    let body = try await response.readAll(limit: 256 * 1024)
                    collector.metrics = await response.metrics()
                    let headers = HTTPHeaders(response.headers.map { .init(name: $0.name, value: $0.value) })
                    throw provider.decodeError(status: response.status, headers: headers, body: body, endpoint: endpoint)
                }
                if request.stream {
                    var decoder = provider.makeStreamDecoder()
                    for try await chunk in response.body where !collector.ended {
                        try collector.handle(try decoder.decode(chunk), at: clock.now - started, onEvent)
                    }
                    if !collector.ended { try collector.handle(try decoder.finish(), at: clock.now - started, onEvent) }
                    // Drain anything after the end marker so libcurl can keep the connection.
                    for try await _ in response.body {}
                } else {
                    let body = try await response.readAll(limit: 64 << 20)
                    try collector.handle(try provider.decodeResponse(body), at: clock.now - started, onEvent)
                }
                collector.metrics = await response.metrics()
                return collector.result(total: clock.now - started, outcome: "ok", status: response.status)
            }
        } catch {
            let partial = collector.result(total: clock.now - started, outcome: Self.outcome(of: error),
                                           status: (error as? ProviderError)?.status)
            throw ChatFailure(underlying: error, partial: partial)
        }
    }

    static func outcome(of error: any Error) -> String {
        switch error {
        case is CancellationError: "cancelled"
        case let e as ProviderError: e.status.map { "HTTP \($0): \(e.category.rawValue)" } ?? e.category.rawValue
        case let e as TransportError: e.kind.rawValue
        default: "error"
        }
    }
}

extension TransportRequest {
    init(_ spec: HTTPRequestSpec) {
        self.init(method: spec.method, url: spec.url,
                  headers: spec.headers.fields.map { HeaderField($0.name, $0.value) }, body: spec.body)
    }
}
