#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

import LoopbackServer

/// A loopback HTTP/1.1 server that speaks the streaming protocols of OpenAI, Azure OpenAI, Anthropic,
/// Gemini, Bedrock and Ollama, with fault injection. See `MockFault` and providers.md.
public final class MockServer: Sendable {
    private let core: ServerCore
    private let responder: MockResponder

    /// Binds 127.0.0.1:`configuration.port` (0 = any free port) and listens; call `start()` to serve.
    public init(configuration: MockConfiguration = .init()) throws {
        responder = MockResponder(configuration: configuration)
        core = try ServerCore(name: "mock-providers", port: configuration.port, responder: responder)
    }

    deinit { stop() }

    /// Starts the accept thread. Calling it twice is harmless.
    public func start() throws { try core.start() }

    /// Closes the listener and every connection and waits for all server threads to finish.
    public func stop() {
        core.stop()
        responder.gate.closePipes()
    }

    /// The configuration the server was created with.
    public var configuration: MockConfiguration { responder.configuration }

    /// The bound TCP port.
    public var port: Int { core.port }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(core.port)" }

    /// TCP connections accepted since start (or the last reset).
    public var acceptedConnections: Int { core.accepted.load(ordering: .relaxed) }

    /// Requests answered since start (or the last reset); control requests (`/__mock/…`) not included.
    public var requestsServed: Int { core.requests.load(ordering: .relaxed) }

    /// Connections currently open.
    public var openConnections: Int { core.open.load(ordering: .relaxed) }

    /// Streams whose client went away before the stream finished.
    public var disconnectedEarly: Int { core.early.load(ordering: .relaxed) }

    /// Zeroes the accepted, served and early-disconnect counters and forgets recorded requests.
    public func resetCounters() { responder.reset(core, faults: false) }

    /// Queues faults for the next requests, one per request, in order.
    public func enqueueFaults(_ faults: [MockFault]) {
        responder.shared.withLock { $0.faults.append(contentsOf: faults) }
    }

    /// Sets the fault applied to every request while the queue is empty (nil for none).
    public func setDefaultFault(_ fault: MockFault?) {
        responder.shared.withLock { $0.defaultFault = fault }
    }

    /// Faults still waiting in the queue.
    public var pendingFaults: Int { responder.shared.withLock { $0.faults.count } }

    /// The most recent requests (up to `configuration.recordLimit`), oldest first.
    public var recordedRequests: [RecordedRequest] { responder.shared.withLock { $0.log.all } }

    /// Everything back to a fresh server: counters, recorded requests, queued and default faults.
    public func reset() { responder.reset(core, faults: true) }

    // MARK: explicit signals, so tests wait for events instead of sleeping

    /// Holds every reply from now on until `releaseReplies()` (each at most a minute): requests are
    /// still read, counted and recorded, so a test can let this server answer only once others have
    /// their requests.
    public func holdReplies() { responder.gate.hold() }

    /// Lets the held replies, and every later one, go.
    public func releaseReplies() { responder.gate.release() }

    /// Waits until `requestsServed` reaches `count` (true), or `timeout` passes first (false).
    public func waitForRequests(_ count: Int, timeout: Duration = .seconds(10)) async -> Bool {
        let core = core
        return await responder.signals.wait(timeout: timeout) { core.requests.load(ordering: .relaxed) >= count }
    }

    /// Waits until `disconnectedEarly` reaches `count` (true), or `timeout` passes first (false).
    public func waitForEarlyDisconnects(_ count: Int, timeout: Duration = .seconds(10)) async -> Bool {
        let core = core
        return await responder.signals.wait(timeout: timeout) { core.early.load(ordering: .relaxed) >= count }
    }
}
