#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a wait on a connection ended.
package enum WaitResult { case elapsed, peerClosed, stopping }

/// Thin wrappers over the POSIX calls the server needs; every write goes through `sendAll` so no
/// SIGPIPE can reach the process and partial writes are finished.
package enum Socket {
    #if canImport(Glibc)
    package static let streamType = Int32(SOCK_STREAM.rawValue)
    package static let sendFlags = Int32(MSG_NOSIGNAL)
    /// POLLRDHUP (Linux): the peer closed its side. Glibc only defines it under _GNU_SOURCE.
    package static let peerHangup: Int16 = 0x2000
    #else
    package static let streamType = SOCK_STREAM
    package static let sendFlags: Int32 = 0
    package static let peerHangup: Int16 = 0
    #endif

    /// Creates a listening socket on 127.0.0.1:`port` and returns it with the port actually bound.
    package static func makeListener(port: Int) throws(LoopbackServerError) -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, streamType, 0)
        guard fd >= 0 else { throw LoopbackServerError(operation: "socket", code: errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
        addr.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw LoopbackServerError(operation: "bind 127.0.0.1:\(port)", code: code)
        }
        // A deep backlog so a burst of 1,000+ connects is not refused before the accept thread runs.
        guard listen(fd, 4096) == 0 else {
            let code = errno
            close(fd)
            throw LoopbackServerError(operation: "listen", code: code)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: actual.sin_port)))
    }

    /// Options for an accepted connection: no Nagle delay, so each write leaves as its own segment.
    package static func configure(_ fd: Int32) {
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    /// Writes all of `bytes`; false when the peer has gone (EPIPE, ECONNRESET) or the socket was shut down.
    package static func sendAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = send(fd, bytes.baseAddress! + offset, bytes.count - offset, sendFlags)
            if n > 0 {
                offset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    /// Writes all of `bytes`.
    package static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { sendAll(fd, $0) }
    }

    /// Reads up to `capacity` bytes and appends them; returns the count, 0 at EOF, -1 on error.
    package static func receive(_ fd: Int32, into buffer: inout [UInt8], capacity: Int = 65_536) -> Int {
        // A scratch buffer then one memcpy: growing the array with placeholder elements first is
        // an element-by-element loop in debug builds and dominated request cost.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { scratch in
            while true {
                let n = recv(fd, scratch.baseAddress, capacity, 0)
                if n < 0 && errno == EINTR { continue }
                if n > 0 { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[..<n])) }
                return n
            }
        }
    }

    /// Sleeps for `duration`, waking early when the server stops or the peer hangs up, so a stream
    /// with long delays neither blocks `stop()` nor keeps writing to a client that left. When
    /// `releaseFD` becomes readable the wait ends as if the time had passed (a test holding replies).
    package static func wait(_ duration: Duration, fd: Int32, stopFD: Int32, releaseFD: Int32 = -1) -> WaitResult {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: duration)
        while true {
            let remaining = clock.now.duration(to: deadline)
            if remaining <= .zero { return .elapsed }
            // poll skips a negative descriptor, so no release descriptor costs nothing.
            var fds = [pollfd(fd: stopFD, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: fd, events: peerHangup, revents: 0),
                       pollfd(fd: releaseFD, events: Int16(POLLIN), revents: 0)]
            let timeout = Int32(clamping: max(1, remaining.wholeMilliseconds))
            let n = poll(&fds, nfds_t(fds.count), timeout)
            if n < 0 && errno != EINTR { return .elapsed }
            if fds[0].revents != 0 { return .stopping }
            if fds[1].revents & (peerHangup | Int16(POLLHUP) | Int16(POLLERR)) != 0 { return .peerClosed }
            if fds[2].revents != 0 { return .elapsed }
        }
    }
}

extension Duration {
    /// The duration in whole milliseconds, rounded up so a 0.5 ms delay still waits.
    package var wholeMilliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }
}

/// Why a loopback server could not start.
public struct LoopbackServerError: Error, Sendable, CustomStringConvertible {
    /// The failing system call, e.g. `bind`.
    public let operation: String
    /// The `errno` it left.
    public let code: Int32

    /// Creates the error for `operation`, which left `code` in errno.
    public init(operation: String, code: Int32) {
        self.operation = operation
        self.code = code
    }

    /// One line naming the call and the system's reason.
    public var description: String {
        "loopback server: \(operation) failed: \(String(cString: strerror(code))) (errno \(code))"
    }
}
