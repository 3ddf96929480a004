#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Subprocess
import Synchronization
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// What a child printed and how it ended. `timedOut` says it was killed at its deadline.
public struct ChildOutput: Sendable {
    public var stdout: [UInt8]
    public var stderr: [UInt8]
    public var termination: TerminationStatus
    public var timedOut: Bool

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    /// The exit status, or 128 + signal the way a shell reports it.
    public var status: Int32 {
        switch termination {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
    }
}

/// A child process for tests, run by swift-subprocess: it starts with signals unblocked and default
/// dispositions and only its three standard descriptors, it is awaited on swift-subprocess's own
/// monitor thread (never holding a concurrency thread), and it is killed (SIGKILL) at its deadline,
/// so a test never hangs on it. A descendant that keeps its stdout open does not hold up the wait:
/// collection stops when the child itself has exited.
public final class TestChild: Sendable {
    private struct State {
        var stdout: [UInt8] = []
        /// Sends a signal while the child runs (swift-subprocess's `Execution`, valid only meanwhile).
        var signal: (@Sendable (Int32) -> Void)?
        var started = false
        var timedOut = false
        var finished = false
    }

    /// The state shared with the task that runs the child (a class: a `Mutex` cannot be captured).
    private final class Shared: Sendable {
        let state = Mutex(State())
        func withLock<R>(_ body: (inout State) -> R) -> R { state.withLock { body(&$0) } }
    }

    private let state = Shared()
    private let run: Task<ChildOutput, any Error>

    /// Starts `path` with `arguments` and exactly `environment`, and returns once it is running.
    /// - Parameters:
    ///   - stdin: bytes written to the child's stdin, which is then closed; nil gives it /dev/null.
    ///   - captureStderr: false sends the child's stderr to /dev/null.
    ///   - timeout: seconds after which the child is killed with SIGKILL.
    /// - Throws: swift-subprocess's error when the child cannot be started.
    public init(path: String, arguments: [String] = [], environment: [String: String],
                stdin: [UInt8]? = nil, captureStderr: Bool = true, timeout: Double) async throws {
        let state = self.state
        let (started, startedContinuation) = AsyncStream<Void>.makeStream()
        let configuration = Configuration(
            executable: .path(FilePath(path)), arguments: Arguments(arguments),
            // Exactly these variables. The `[Key: String]` form: swift-subprocess 1.0.2 passes the raw-bytes
            // form's entries to strdup, which reads past any entry not ending in a NUL byte.
            environment: .custom(Dictionary(uniqueKeysWithValues: environment.compactMap { key, value in
                Environment.Key(rawValue: key).map { ($0, value) }
            })))
        run = Task {
            defer { startedContinuation.finish() }
            return try await Self.drive(configuration, stdin: stdin, captureStderr: captureStderr,
                                      timeout: timeout, state: state) { startedContinuation.finish() }
        }
        for await _ in started {}
        if !state.withLock({ $0.started }) {
            _ = try await run.value   // it did not start: rethrow why
        }
    }

    /// Runs `path` to its end (or its deadline) and returns what it printed.
    public static func run(path: String, arguments: [String] = [], environment: [String: String],
                           stdin: [UInt8]? = nil, captureStderr: Bool = true,
                           timeout: Double) async throws -> ChildOutput {
        try await TestChild(path: path, arguments: arguments, environment: environment, stdin: stdin,
                            captureStderr: captureStderr, timeout: timeout).output()
    }

    /// Sends `signal` (SIGINT as Ctrl-C would, SIGTERM, …) while the child runs.
    public func send(_ signal: Int32) {
        state.withLock { $0.signal }?(signal)
    }

    /// The first line the child prints on stdout (a server announcing its port), without the newline;
    /// nil when it ends, or `timeout` seconds pass, before printing one.
    public func firstStdoutLine(timeout: Double) async -> String? {
        let deadline = ContinuousClock.now + .seconds(timeout)
        while ContinuousClock.now < deadline {
            let (printed, running) = state.withLock { ($0.stdout, !$0.finished) }
            if let newline = printed.firstIndex(of: UInt8(ascii: "\n")) {
                return String(decoding: printed[..<newline], as: UTF8.self)
            }
            guard running else { return nil }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// Waits for the child to end (at the latest at its deadline) and returns what it printed.
    /// A failure of swift-subprocess itself after the start shows as exit status -1 with its error
    /// on stderr.
    public func output() async -> ChildOutput {
        do {
            return try await run.value
        } catch {
            let stdout = state.withLock { $0.stdout }
            return ChildOutput(stdout: stdout, stderr: Array("swift-subprocess: \(error)".utf8),
                               termination: .exited(-1), timedOut: state.withLock { $0.timedOut })
        }
    }

    // MARK: running

    private static func drive(_ configuration: Configuration, stdin: [UInt8]?, captureStderr: Bool,
                              timeout: Double, state: Shared,
                            started: @escaping @Sendable () -> Void) async throws -> ChildOutput {
        defer { state.withLock { $0.finished = true; $0.signal = nil } }
        return try await withThrowingTaskGroup(of: ChildOutput?.self) { group in
            group.addTask {
                switch (stdin, captureStderr) {
                case (let bytes?, true):
                    try await collect(configuration, input: .array(bytes), error: .bytes(limit: .max),
                                      stderr: { $0 }, state: state, started: started)
                case (let bytes?, false):
                    try await collect(configuration, input: .array(bytes), error: .discarded,
                                      stderr: { [] }, state: state, started: started)
                case (nil, true):
                    try await collect(configuration, input: .none, error: .bytes(limit: .max),
                                      stderr: { $0 }, state: state, started: started)
                case (nil, false):
                    try await collect(configuration, input: .none, error: .discarded,
                                      stderr: { [] }, state: state, started: started)
                }
            }
            group.addTask {
                // Cancelled when the child ends first.
                try? await Task.sleep(for: .seconds(timeout))
                return nil
            }
            if let output = try await group.next() ?? nil {
                group.cancelAll()
                return output
            }
            // The deadline passed: cancelling the run ends in swift-subprocess's teardown, SIGKILL.
            state.withLock { $0.timedOut = true }
            group.cancelAll()
            while let next = try await group.next() {
                if let output = next { return output }
            }
            fatalError("the run task returned no output")
        }
    }

    private static func collect<Input: InputProtocol, Error: ErrorOutputProtocol>(
        _ configuration: Configuration, input: Input, error: Error,
        stderr: (Error.OutputType) -> [UInt8], state: Shared,
        started: @Sendable () -> Void
    ) async throws -> ChildOutput {
        let result = try await Subprocess.run(configuration, input: input, output: .sequence,
                                              error: error) { execution in
            state.withLock { s in
                s.started = true
                s.signal = { signal in try? execution.send(signal: Signal(rawValue: signal)) }
            }
            started()
            defer { state.withLock { $0.signal = nil } }
            // Read to the end; a read cut short (cancellation at the deadline) keeps what came so far.
            do {
                for try await chunk in execution.standardOutput {
                    chunk.withUnsafeBytes { bytes in state.withLock { $0.stdout += bytes } }
                }
            } catch {}
        }
        let (stdout, timedOut) = state.withLock { ($0.stdout, $0.timedOut) }
        return ChildOutput(stdout: stdout, stderr: stderr(result.standardError),
                           termination: result.terminationStatus, timedOut: timedOut)
    }
}
