#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Holds replies until a test releases them. A held request is read, counted and recorded first,
/// then waits on a pipe that `release()` writes to, so one server can be made to answer only once
/// others have their requests: an explicit signal where a test would otherwise sleep.
final class MockGate: Sendable {
    /// The longest a request is held, so a test that forgets to release cannot hang a connection.
    static let maximumHold: Duration = .seconds(60)

    private struct State {
        var held = false
        /// Every pipe made; closed only when the server has stopped, since waits may still poll them.
        var pipes: [(read: Int32, write: Int32)] = []
    }

    private let state = Mutex(State())

    /// Holds replies from now on; false when no pipe could be made (nothing is held then).
    @discardableResult
    func hold() -> Bool {
        state.withLock { state in
            if state.held { return true }
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { return false }
            state.pipes.append((fds[0], fds[1]))
            state.held = true
            return true
        }
    }

    /// Lets every held reply, and every later one, go.
    func release() {
        state.withLock { state in
            guard state.held, let current = state.pipes.last else { return }
            // Written once and never drained: every poll on it wakes from now on.
            var byte: UInt8 = 1
            _ = write(current.write, &byte, 1)
            state.held = false
        }
    }

    /// The descriptor a new request waits on, or nil when replies are not held.
    var releaseFD: Int32? {
        state.withLock { $0.held ? $0.pipes.last?.read : nil }
    }

    /// Closes the pipes; call only once no connection thread is left.
    func closePipes() {
        state.withLock { state in
            for pipe in state.pipes {
                close(pipe.read)
                close(pipe.write)
            }
            state.pipes = []
            state.held = false
        }
    }
}
