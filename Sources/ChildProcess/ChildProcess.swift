#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// A child process started with `posix_spawn`, its stdout and stderr collected by one monitor thread.
///
/// Why not Foundation's `Process`: on Linux it spawns with the calling thread's signal mask, and every
/// Dispatch or Swift-concurrency worker blocks SIGINT, SIGTERM and most others, so the child can never
/// be stopped by `terminate()` or by Ctrl-C (tests hung forever in `waitUntilExit` on exactly that).
/// Here the child starts with an empty mask and default dispositions, gets only the three descriptors
/// it is given, and waiting never occupies a Swift-concurrency thread: the monitor is a plain thread.
///
/// swift-subprocess 1.0.2 would do: it resets the mask and dispositions (posix_spawn attributes) and
/// awaits exits on its own epoll/pidfd thread. `key_cmd` is awaited now, so production code no longer
/// needs anything it lacks; what still uses this type's synchronous parts (a pid known at start,
/// `outputBlocking()`) is the test harness (tmux, servers started by tests). Moving those to
/// swift-subprocess's closure API and deleting this target is the open part of the renovation.
public final class ChildProcess: @unchecked Sendable {
    /// How the child ended.
    public enum Termination: Sendable, Hashable {
        case exited(Int32)
        case signalled(Int32)

        /// The exit status, or 128 + signal the way a shell reports it.
        public var code: Int32 {
            switch self {
            case .exited(let status): status
            case .signalled(let signal): 128 + signal
            }
        }
    }

    /// What the child printed and how it ended. `timedOut` says it was killed at its deadline.
    public struct Output: Sendable {
        public var stdout: [UInt8]
        public var stderr: [UInt8]
        public var termination: Termination
        public var timedOut: Bool

        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// Failure to start the child (the errno text).
    public struct SpawnError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public let pid: pid_t
    /// When the child is killed (monotonic seconds, `now()`); nil for never.
    let deadline: Double?

    private struct State {
        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        var result: Output?
        var waiters: [CheckedContinuation<Output, Never>] = []
    }

    private let state = Mutex(State())
    /// Signalled once the result is in; each blocking waiter passes the signal on to the next.
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `path` with `arguments` (argv[0] is `path`) and exactly `environment`.
    /// - Parameters:
    ///   - stdin: bytes written to the child's stdin, which is then closed; nil gives it /dev/null.
    ///   - captureStderr: false sends the child's stderr to /dev/null (it may print secrets).
    ///   - timeout: seconds after which the child is killed with SIGKILL; nil waits for ever.
    public init(path: String, arguments: [String] = [], environment: [String: String],
                stdin: [UInt8]? = nil, captureStderr: Bool = true, timeout: Double? = nil) throws {
        var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1], inPipe: [Int32] = [-1, -1]
        guard Self.makePipe(&outPipe), Self.makePipe(&errPipe), stdin == nil || Self.makePipe(&inPipe) else {
            let reason = String(cString: strerror(errno))
            for fd in outPipe + errPipe + inPipe where fd >= 0 { close(fd) }
            throw SpawnError(description: "cannot create a pipe: \(reason)")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if stdin != nil {
            posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        if captureStderr {
            posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        Self.closeInheritedDescriptors(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([path] + arguments).map { strdup($0) }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") }
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, path, &actions, &attributes, argv + [nil], envp + [nil])
        // The child's ends are the child's now.
        for fd in [outPipe[1], errPipe[1], inPipe[0]] where fd >= 0 { close(fd) }
        guard rc == 0 else {
            for fd in [outPipe[0], errPipe[0], inPipe[1]] where fd >= 0 { close(fd) }
            throw SpawnError(description: "cannot start \(path): \(String(cString: strerror(rc)))")
        }
        self.pid = pid
        deadline = timeout.map { Self.now() + $0 }
        Monitor(child: self, out: outPipe[0], err: errPipe[0], input: inPipe[1], bytes: stdin ?? []).start()
    }

    /// Sends `signal` (SIGINT as Ctrl-C would, SIGTERM, …) unless the child has already been reaped.
    public func send(_ signal: Int32) {
        let reaped = state.withLock { $0.result != nil }
        if !reaped { kill(pid, signal) }
    }

    /// The first line the child prints on stdout (a server announcing its port), without the newline;
    /// nil when it ends, or `timeout` seconds pass, before printing one.
    public func firstStdoutLine(timeout: Double) async -> String? {
        let deadline = Self.now() + timeout
        while Self.now() < deadline {
            let (printed, running) = state.withLock { ($0.stdout, $0.result == nil) }
            if let newline = printed.firstIndex(of: UInt8(ascii: "\n")) {
                return String(decoding: printed[..<newline], as: UTF8.self)
            }
            guard running else { return nil }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// Waits for the child to end and its output to be collected, without blocking a thread.
    public func output() async -> Output {
        await withCheckedContinuation { continuation in
            let ready: Output? = state.withLock { s in
                if let result = s.result { return result }
                s.waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// The same, blocking the calling thread (for synchronous callers such as a key command).
    public func outputBlocking() -> Output {
        finished.wait()
        finished.signal()
        return state.withLock { $0.result! }
    }

    // MARK: monitor thread

    func append(_ bytes: ArraySlice<UInt8>, toStderr: Bool) {
        state.withLock { s in
            if toStderr { s.stderr += bytes } else { s.stdout += bytes }
        }
    }

    func finish(_ termination: Termination, timedOut: Bool) {
        let (output, waiters) = state.withLock { s in
            let output = Output(stdout: s.stdout, stderr: s.stderr, termination: termination, timedOut: timedOut)
            s.result = output
            defer { s.waiters = [] }
            return (output, s.waiters)
        }
        finished.signal()
        for waiter in waiters { waiter.resume(returning: output) }
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// A pipe whose ends are not inherited by children spawned elsewhere (pipe2 is not in Swift's Glibc).
    private static func makePipe(_ fds: inout [Int32]) -> Bool {
        guard fds.withUnsafeMutableBufferPointer({ pipe($0.baseAddress!) }) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (not in Swift's Glibc module), else one close
    /// action per open descriptor: a descriptor inherited by accident (another child's pipe, a listening
    /// socket) keeps pipes open and servers reachable long after they should be gone.
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
            return
        }
        guard let dir = opendir("/proc/self/fd") else { return }
        defer { closedir(dir) }
        var fds: [Int32] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if let fd = Int32(name), fd > 2 { fds.append(fd) }
        }
        for fd in fds { posix_spawn_file_actions_addclose(&actions, fd) }
    }
}
