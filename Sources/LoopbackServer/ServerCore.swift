#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A loopback HTTP/1.1 server: a listener on 127.0.0.1, an accept thread and one small-stack thread
/// per connection, each handing requests to `responder`. Handles to it (`LoopbackChatServer`, the
/// test server) stop it from their deinit, so a server dropped without `stop()` is still stopped.
package final class ServerCore: Sendable {
    struct Shared {
        var connections: Set<Int32> = []
        var acceptThread: Threads.Handle?
        var started = false
    }

    /// Names the server in the errors it answers itself (malformed requests).
    package let name: String
    package let responder: any LoopbackResponder
    let listenFD: Int32
    package let port: Int
    /// Written once by `stop()` and never drained, so every poll on it wakes from then on.
    package let stopPipe: (read: Int32, write: Int32)
    let shared: Mutex<Shared>
    /// TCP connections accepted since start (or the last reset).
    package let accepted = Atomic<Int>(0)
    /// Requests answered, as the responder counts them.
    package let requests = Atomic<Int>(0)
    /// Connections open now.
    package let open = Atomic<Int>(0)
    /// Responses whose client went away before they were finished.
    package let early = Atomic<Int>(0)
    /// A per-server request number for ids, bumped by the responder.
    package let serial = Atomic<Int>(0)
    let liveThreads = Atomic<Int>(0)
    package let stopping = Atomic<Bool>(false)

    /// Binds 127.0.0.1:`port` (0 = any free port) and listens; `start()` begins accepting.
    package init(name: String, port: Int, responder: any LoopbackResponder) throws(LoopbackServerError) {
        self.name = name
        self.responder = responder
        let listener = try Socket.makeListener(port: port)
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            let code = errno
            close(listener.fd)
            throw LoopbackServerError(operation: "pipe", code: code)
        }
        listenFD = listener.fd
        self.port = listener.port
        stopPipe = (fds[0], fds[1])
        shared = Mutex(Shared())
    }

    /// Starts the accept thread. Calling it twice is harmless.
    package func start() throws(LoopbackServerError) {
        let alreadyStarted = shared.withLock { state in
            defer { state.started = true }
            return state.started
        }
        guard !alreadyStarted else { return }
        guard !stopping.load(ordering: .acquiring) else {
            throw LoopbackServerError(operation: "start (server already stopped)", code: EINVAL)
        }
        guard let handle = Threads.spawn(stackSize: 256 * 1024, detached: false, { [self] in acceptLoop() })
        else { throw LoopbackServerError(operation: "pthread_create", code: EAGAIN) }
        shared.withLock { $0.acceptThread = handle }
    }

    /// Closes the listener and every connection and waits for all server threads to finish.
    package func stop() {
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
                Connection(fd: fd, server: self).run()
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

    /// Zeroes the accepted, answered and early-disconnect counters.
    package func resetCounters() {
        accepted.store(0, ordering: .relaxed)
        requests.store(0, ordering: .relaxed)
        early.store(0, ordering: .relaxed)
    }
}
