#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Everything the accept and connection threads share. `MockServer` is only a handle to it, so a
/// server dropped without `stop()` is still stopped by the handle's deinit.
final class ServerCore: Sendable {
    struct Shared {
        var faults: [MockFault] = []
        var defaultFault: MockFault?
        var log: RequestLog
        var connections: Set<Int32> = []
        var acceptThread: Threads.Handle?
        var started = false
    }

    let configuration: MockConfiguration
    let listenFD: Int32
    let port: Int
    /// Written once by `stop()` and never drained, so every poll on it wakes from then on.
    let stopPipe: (read: Int32, write: Int32)
    let shared: Mutex<Shared>
    let accepted = Atomic<Int>(0)
    let requests = Atomic<Int>(0)
    let open = Atomic<Int>(0)
    let early = Atomic<Int>(0)
    let liveThreads = Atomic<Int>(0)
    let serial = Atomic<Int>(0)
    let stopping = Atomic<Bool>(false)

    init(configuration: MockConfiguration) throws(MockServerError) {
        self.configuration = configuration
        let listener = try Socket.makeListener(port: configuration.port)
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            let code = errno
            close(listener.fd)
            throw MockServerError(operation: "pipe", code: code)
        }
        listenFD = listener.fd
        port = listener.port
        stopPipe = (fds[0], fds[1])
        shared = Mutex(Shared(log: RequestLog(limit: configuration.recordLimit)))
    }

    func start() throws(MockServerError) {
        let alreadyStarted = shared.withLock { state in
            defer { state.started = true }
            return state.started
        }
        guard !alreadyStarted else { return }
        guard !stopping.load(ordering: .acquiring) else {
            throw MockServerError(operation: "start (server already stopped)", code: EINVAL)
        }
        guard let handle = Threads.spawn(stackSize: 256 * 1024, detached: false, { [self] in acceptLoop() })
        else { throw MockServerError(operation: "pthread_create", code: EAGAIN) }
        shared.withLock { $0.acceptThread = handle }
    }

    func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var byte: UInt8 = 1
        _ = write(stopPipe.write, &byte, 1)
        if let handle = shared.withLock({ $0.acceptThread }) { Threads.join(handle) }
        close(listenFD)
        shared.withLock { state in
            for fd in state.connections { shutdown(fd, Int32(SHUT_RDWR)) }
        }
        // Connection threads are detached; wait for all of them to leave (they wake on the pipe
        // or on the shutdown sockets), so nothing runs after stop() returns.
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(10))
        while liveThreads.load(ordering: .acquiring) > 0, clock.now < deadline { usleep(1000) }
        if liveThreads.load(ordering: .acquiring) == 0 {
            close(stopPipe.read)
            close(stopPipe.write)
        }
    }

    private func acceptLoop() {
        while !stopping.load(ordering: .acquiring) {
            var fds = [pollfd(fd: listenFD, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: stopPipe.read, events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 2, -1) >= 0 || errno == EINTR else { return }
            if fds[1].revents != 0 { return }
            guard fds[0].revents != 0 else { continue }
            let fd = accept(listenFD, nil, nil)
            guard fd >= 0 else {
                if errno == EMFILE || errno == ENFILE { usleep(10_000) }  // back off instead of spinning
                continue
            }
            Socket.configure(fd)
            accepted.add(1, ordering: .relaxed)
            open.add(1, ordering: .relaxed)
            liveThreads.add(1, ordering: .acquiringAndReleasing)
            shared.withLock { _ = $0.connections.insert(fd) }
            let spawned = Threads.spawn(stackSize: Threads.connectionStackSize, detached: true) { [self] in
                Connection(fd: fd, core: self).run()
                connectionFinished(fd)
            }
            if spawned == nil { connectionFinished(fd) }
        }
    }

    /// Closes the socket under the lock, so `stop()` can never shut down a reused descriptor number.
    private func connectionFinished(_ fd: Int32) {
        shared.withLock { state in
            state.connections.remove(fd)
            close(fd)
        }
        open.subtract(1, ordering: .relaxed)
        liveThreads.subtract(1, ordering: .acquiringAndReleasing)
    }

    /// The fault for the next request: the queue first, then the default.
    func nextFault() -> MockFault {
        shared.withLock { state in
            state.faults.isEmpty ? (state.defaultFault ?? .none) : state.faults.removeFirst()
        }
    }

    func record(_ request: HTTPRequest) {
        let entry = RecordedRequest(method: request.method, target: request.target,
                                    headers: request.headers, body: request.body,
                                    proxiedAuthority: request.proxiedAuthority)
        shared.withLock { $0.log.append(entry) }
    }

    func resetCounters() {
        accepted.store(0, ordering: .relaxed)
        requests.store(0, ordering: .relaxed)
        early.store(0, ordering: .relaxed)
        shared.withLock { $0.log.removeAll() }
    }

    func log(_ line: @autoclosure () -> String) {
        guard !configuration.quiet else { return }
        // One write(2) per line, so lines from concurrent connections never interleave.
        let bytes = Array("mock-providers: \(line())\n".utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
