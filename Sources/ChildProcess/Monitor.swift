#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The loop that feeds a child's stdin, collects its stdout and stderr, enforces its deadline and reaps
/// it. One plain thread per child: waiting on a child must never hold a Swift-concurrency thread.
final class Monitor: @unchecked Sendable {
    private let child: ChildProcess
    private var out: Int32
    private var err: Int32
    private var input: Int32
    private var pending: ArraySlice<UInt8>

    /// After the child exits, how long a descendant that inherited its stdout may keep it open.
    private static let drainGrace = 2.0

    init(child: ChildProcess, out: Int32, err: Int32, input: Int32, bytes: [UInt8]) {
        self.child = child
        self.out = out
        self.err = err
        self.input = input
        self.pending = bytes[...]
        if input >= 0 {
            // Never block on a child that stops reading, and get EPIPE rather than SIGPIPE when it exits
            // without reading: only processes that feed a child's stdin (the tests) pay that global switch.
            _ = fcntl(input, F_SETFL, fcntl(input, F_GETFL) | O_NONBLOCK)
            signal(SIGPIPE, SIG_IGN)
            if pending.isEmpty { closeInput() }
        }
    }

    /// Runs the loop on a thread of its own.
    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "llmctl-child-monitor"
        thread.stackSize = 256 << 10
        thread.start()
    }

    private func run() {
        var termination: ChildProcess.Termination?
        var timedOut = false
        var drainUntil = Double.infinity
        var buffer = [UInt8](repeating: 0, count: 65536)
        while out >= 0 || err >= 0 || termination == nil {
            let now = ChildProcess.now()
            if termination == nil, !timedOut, let deadline = child.deadline, now >= deadline {
                kill(child.pid, SIGKILL)
                timedOut = true
            }
            if termination == nil, let ended = reap(block: false) {
                termination = ended
                drainUntil = now + Self.drainGrace
            }
            if termination != nil, now >= drainUntil { break }
            var fds: [pollfd] = []
            if out >= 0 { fds.append(pollfd(fd: out, events: Int16(POLLIN), revents: 0)) }
            if err >= 0 { fds.append(pollfd(fd: err, events: Int16(POLLIN), revents: 0)) }
            if input >= 0 { fds.append(pollfd(fd: input, events: Int16(POLLOUT), revents: 0)) }
            // Short waits: exits are noticed by polling waitpid, not by a signal handler.
            _ = poll(&fds, nfds_t(fds.count), 20)
            for entry in fds where entry.revents != 0 {
                if entry.fd == input {
                    feedInput()
                } else {
                    let n = read(entry.fd, &buffer, buffer.count)
                    if n > 0 {
                        child.append(buffer[0..<n], toStderr: entry.fd == err)
                    } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                        close(entry.fd)
                        if entry.fd == out { out = -1 } else { err = -1 }
                    }
                }
            }
        }
        for fd in [out, err] where fd >= 0 { close(fd) }
        closeInput()
        let ended = termination ?? reap(block: true) ?? .exited(-1)
        child.finish(ended, timedOut: timedOut)
    }

    private func feedInput() {
        let written = pending.withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
        if written > 0 {
            pending = pending.dropFirst(written)
            if pending.isEmpty { closeInput() }
        } else if written < 0, errno != EAGAIN, errno != EINTR {
            closeInput()   // EPIPE: the child closed its stdin; what it did not read is dropped.
        }
    }

    private func closeInput() {
        if input >= 0 { close(input) }
        input = -1
    }

    private func reap(block: Bool) -> ChildProcess.Termination? {
        var status: Int32 = 0
        while true {
            let rc = waitpid(child.pid, &status, block ? 0 : WNOHANG)
            if rc == child.pid { break }
            if rc < 0, errno == EINTR { continue }
            return nil
        }
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }
}
