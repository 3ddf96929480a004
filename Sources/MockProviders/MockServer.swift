#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A loopback HTTP/1.1 server that speaks the streaming protocols of OpenAI, Azure OpenAI, Anthropic,
/// Gemini, Bedrock and Ollama, with fault injection. See `MockFault` and providers.md.
public final class MockServer: Sendable {
    private let core: ServerCore

    /// Binds 127.0.0.1:`configuration.port` (0 = any free port) and listens; call `start()` to serve.
    public init(configuration: MockConfiguration = .init()) throws {
        core = try ServerCore(configuration: configuration)
    }

    deinit { core.stop() }

    /// Starts the accept thread. Calling it twice is harmless.
    public func start() throws { try core.start() }

    /// Closes the listener and every connection and waits for all server threads to finish.
    public func stop() { core.stop() }

    /// The configuration the server was created with.
    public var configuration: MockConfiguration { core.configuration }

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
    public func resetCounters() { core.resetCounters() }

    /// Queues faults for the next requests, one per request, in order.
    public func enqueueFaults(_ faults: [MockFault]) {
        core.shared.withLock { $0.faults.append(contentsOf: faults) }
    }

    /// Sets the fault applied to every request while the queue is empty (nil for none).
    public func setDefaultFault(_ fault: MockFault?) {
        core.shared.withLock { $0.defaultFault = fault }
    }

    /// Faults still waiting in the queue.
    public var pendingFaults: Int { core.shared.withLock { $0.faults.count } }

    /// The most recent requests (up to `configuration.recordLimit`), oldest first.
    public var recordedRequests: [RecordedRequest] { core.shared.withLock { $0.log.all } }

    /// Everything back to a fresh server: counters, recorded requests, queued and default faults.
    public func reset() {
        core.resetCounters()
        core.shared.withLock {
            $0.faults.removeAll()
            $0.defaultFault = nil
        }
    }
}

/// Why the server could not start.
public struct MockServerError: Error, Sendable, CustomStringConvertible {
    /// The failing system call, e.g. `bind`.
    public let operation: String
    /// The `errno` it left.
    public let code: Int32

    /// One line naming the call and the system's reason.
    public var description: String {
        "mock-providers: \(operation) failed: \(String(cString: strerror(code))) (errno \(code))"
    }
}
