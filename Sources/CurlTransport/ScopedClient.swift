import HTTPMessage
import Synchronization

/// The per-request client: everything it starts is released when its scope ends (normally, by error
/// or by cancellation). Connections are not its to close; they return to the engine's shared pool.
public final class ScopedClient: Sendable {
    private let engine: CurlEngine
    private let state = Mutex(State())

    private struct State {
        var transfers: [Transfer] = []
        var closed = false
    }

    init(engine: CurlEngine) { self.engine = engine }

    /// Starts the request and returns once the response head has arrived.
    public func send(_ request: HTTPRequestSpec, options: TransferOptions = .init()) async throws -> HTTPResponse {
        try Task.checkCancellation()
        let transfer = Transfer(request: request, options: options, engine: engine)
        let open = state.withLock { s -> Bool in
            guard !s.closed else { return false }
            s.transfers.removeAll { $0.isComplete }
            s.transfers.append(transfer)
            return true
        }
        guard open else { throw TransportError(kind: .engineStopped, message: "request scope already ended") }
        // A transfer that cannot start (engine shut down or not set up, handle refused) completes
        // with the reason, which `awaitHead` throws; `close` then finds it complete.
        engine.start(transfer)
        let head = try await transfer.awaitHead()
        return HTTPResponse(head: head, transfer: transfer)
    }

    /// Cancels whatever is still running and waits until each transfer has been released.
    func close() async {
        let transfers = state.withLock { s in
            s.closed = true
            defer { s.transfers = [] }
            return s.transfers
        }
        for transfer in transfers where !transfer.isComplete { engine.cancel(transfer) }
        for transfer in transfers { _ = await transfer.awaitCompletion() }
    }
}

extension CurlEngine {
    /// Runs `body` with a client scoped to it. Whatever the client started is cancelled and released
    /// when `body` returns or throws; pooled connections stay open for the next request.
    public func withScope<R: Sendable>(_ body: (ScopedClient) async throws -> R) async throws -> R {
        let client = ScopedClient(engine: self)
        do {
            let result = try await body(client)
            await client.close()
            return result
        } catch {
            await client.close()
            throw error
        }
    }
}
