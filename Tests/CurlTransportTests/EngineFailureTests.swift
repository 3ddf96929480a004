@testable import CurlTransport
import HTTPMessage
import Testing

/// The engine when libcurl refuses: a handle the multi handle will not add, an option it rejects at
/// start-up, an engine that has shut down. Each request fails with a `TransportError`, nothing hangs,
/// and the transfer's context is released exactly once.
@Suite(.timeLimit(.minutes(1)))
struct EngineFailureTests {
    /// Nothing listens here; these requests never get as far as connecting.
    static let request = HTTPRequestSpec(method: "GET", url: "http://127.0.0.1:9/v1/models")

    /// Starts a transfer the way `ScopedClient.send` does and returns the error its head waiter gets.
    /// The transfer itself is checked and dropped here, so the caller can see whether anything still
    /// holds it.
    static func failedStart(on engine: CurlEngine) async -> (error: (any Error)?, released: Released) {
        let transfer = Transfer(request: request, options: TransferOptions(), engine: engine)
        engine.start(transfer)
        var failure: (any Error)?
        do { _ = try await transfer.awaitHead() } catch { failure = error }
        _ = await transfer.awaitCompletion()
        // The engine's own retain went before completion; its handle and header list with it.
        #expect(transfer.retained == nil && transfer.easy == nil && transfer.headerList == nil)
        return (failure, Released(transfer))
    }

    /// Watches a transfer without keeping it.
    struct Released {
        weak var transfer: Transfer?
        init(_ transfer: Transfer) { self.transfer = transfer }

        /// True once nothing holds the transfer. The engine thread drops its last plain reference right
        /// after the command that completed it, which has no event of its own to wait for: poll, briefly.
        func eventually() async -> Bool {
            for _ in 0..<400 where transfer != nil { try? await Task.sleep(for: .milliseconds(5)) }
            return transfer == nil
        }
    }

    @Test func refusedHandleFailsTheRequestAndReleasesTheTransfer() async throws {
        let engine = CurlEngine(maxHostConnections: 0, faults: EngineFaults(addHandleFails: true))
        defer { engine.shutdown() }
        let (error, released) = await Self.failedStart(on: engine)
        let transport = try #require(error as? TransportError)
        #expect(transport.kind == .other)
        #expect(transport.message.hasPrefix("cannot start the request to 127.0.0.1:9: libcurl:"), "\(transport.message)")
        #expect(await released.eventually(), "the engine still holds the transfer")
        #expect(engine.activeTransfers == 0)

        // Through the public API: the scope ends (its close finds the transfer complete), the engine goes on.
        await #expect(throws: TransportError.self) {
            try await engine.withScope { client in _ = try await client.send(Self.request) }
        }
        #expect(engine.activeTransfers == 0)
    }

    @Test func rejectedOptionAtStartUpIsReportedByEveryRequest() async throws {
        let engine = CurlEngine(maxHostConnections: 4, faults: EngineFaults(multiSetoptFails: true))
        defer { engine.shutdown() }
        for _ in 0..<2 {
            let (error, released) = await Self.failedStart(on: engine)
            let transport = try #require(error as? TransportError)
            #expect(transport.message == "the HTTP engine could not start: libcurl rejected CURLMOPT_PIPELINING: Unknown option")
            #expect(await released.eventually())
        }
        await #expect(throws: TransportError.self) {
            try await engine.withScope { client in _ = try await client.send(Self.request) }
        }
    }

    @Test func requestAfterShutdownFailsInsteadOfHanging() async throws {
        let engine = CurlEngine()
        engine.shutdown()
        let (error, released) = await Self.failedStart(on: engine)
        #expect((error as? TransportError)?.kind == .engineStopped)
        #expect(await released.eventually())
        // The scope's close waits for every transfer it started: this one must count as complete.
        await #expect(throws: TransportError.self) {
            try await engine.withScope { client in _ = try await client.send(Self.request) }
        }
        engine.shutdown()  // a second shutdown returns at once
    }
}
