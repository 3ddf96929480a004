import Foundation

/// Drives the built `llmctl` in a real pseudo-terminal through tmux: keys in with `send-keys`, the
/// screen out with `capture-pane`. Each instance runs its own tmux server (`-S`, a socket in the
/// test's HOME), so tests never touch a user's sessions or each other.
final class TmuxREPL {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: tmuxPath) }
    static let tmuxPath = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/tmux"

    /// `LLMCTL_BIN`, else the `llmctl` built next to this test bundle, else the usual build directories.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["LLMCTL_BIN"] { return path }
        let fm = FileManager.default
        let testDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let candidates = [testDir + "/llmctl", root + "/.build/debug/llmctl", root + "/.build-repl/debug/llmctl"]
        return candidates.first { fm.isExecutableFile(atPath: $0) } ?? candidates[1]
    }

    let home: String
    /// The tmux server's socket, inside the test's HOME so nothing is left in /tmp/tmux-<uid>.
    var socket: String { home + "/tmux.sock" }
    private(set) var lastScreen = ""

    /// A fresh HOME with XDG directories inside it, shared by restarts of one test.
    static func makeHome() -> String {
        let home = NSTemporaryDirectory() + "llmctl-repl-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        return home
    }

    /// Starts `llmctl arguments…` in a 120×40 terminal. After it exits the pane prints `EXIT=<status>`
    /// and the terminal's `stty -a`, then idles so the result can be read.
    init(home: String, environment: [String: String], arguments: [String] = []) throws {
        self.home = home
        var env = ["PATH": "/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8", "TERM": "tmux-256color",
                   "XDG_STATE_HOME": home + "/state", "XDG_CONFIG_HOME": home + "/config"]
        env.merge(environment) { _, new in new }
        let assignments = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let command = "env -i \(assignments) \(Self.quote(Self.binary)) \(arguments.map(Self.quote).joined(separator: " "))"
            + "; echo EXIT=$?; stty -a; sleep 120"
        try tmux(["new-session", "-d", "-x", "120", "-y", "40", "-s", "main", command])
    }

    deinit {
        _ = try? tmux(["kill-server"])
        unlink(socket)
    }

    /// Sends tmux key names (`Enter`, `C-c`, `Tab`, `Up`) or literal text, as `send-keys` reads them.
    func keys(_ keys: String...) throws { try tmux(["send-keys", "-t", "main"] + keys) }

    /// Types text exactly as given (no key-name interpretation).
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "main", "-l", text]) }

    /// Pastes text the way a terminal does, wrapped in bracketed-paste markers when the program asked.
    func paste(_ text: String) throws {
        try tmux(["set-buffer", "-b", "t", text])
        try tmux(["paste-buffer", "-p", "-b", "t", "-t", "main"])
    }

    /// The whole pane, wrapped lines joined, history included.
    func screen() throws -> String {
        lastScreen = try tmux(["capture-pane", "-p", "-J", "-S", "-500", "-t", "main"])
        return lastScreen
    }

    /// Polls the screen until `predicate` holds; throws with the screen after `timeout` seconds.
    @discardableResult
    /// Async so that a REPL test waiting for its screen does not hold one of the concurrency threads.
    func wait(_ what: String, timeout: Double = 10, until predicate: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = try screen()
            if predicate(text) { return text }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw Failure(description: "timed out waiting for \(what); screen:\n\(lastScreen)")
    }

    /// Waits until `text` appears at least `count` times.
    @discardableResult
    func wait(for text: String, count: Int = 1, timeout: Double = 10) async throws -> String {
        try await wait("\(count)× \"\(text)\"", timeout: timeout) { $0.components(separatedBy: text).count - 1 >= count }
    }

    /// How many replies have finished with a timing summary (each names its connection).
    static func summaries(_ screen: String) -> Int {
        screen.components(separatedBy: "new conn").count + screen.components(separatedBy: "reused conn").count - 2
    }

    /// The text of the last line that starts with `prefix`.
    func lastLine(startingWith prefix: String) -> String? {
        lastScreen.split(separator: "\n").last { $0.hasPrefix(prefix) }.map(String.init)
    }

    /// Runs one tmux client with posix_spawn rather than Foundation's `Process`: `Process` notices a
    /// child's exit through a socket the child inherits, and `new-session` forks the tmux server, which
    /// would keep that socket (and any other inherited descriptor) open for its whole life. Here the
    /// child gets /dev/null or one pipe as stdio and every other descriptor is closed.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let captures = arguments.first == "capture-pane"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var fds: [Int32] = [-1, -1]
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if captures, pipe(&fds) == 0 {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        Self.closeInheritedDescriptors(&actions)
        let argv = ([Self.tmuxPath, "-S", socket, "-f", "/dev/null"] + arguments).map { strdup($0) }
        let envp = ProcessInfo.processInfo.environment.filter { $0.key != "TMUX" }.map { strdup("\($0.key)=\($0.value)") }
        defer { (argv + envp).forEach { free($0) } }
        // The calling thread (a test-runner worker) blocks most signals and a mask is inherited: without
        // this the tmux server, and llmctl in its pane, would never see SIGHUP, SIGINT or SIGTERM.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        let spawned = posix_spawn(&pid, Self.tmuxPath, &actions, &attributes, argv + [nil], envp + [nil])
        var output = Data()
        if fds[1] >= 0 {
            close(fds[1])
            var buffer = [UInt8](repeating: 0, count: 65536)
            while spawned == 0 {
                let n = read(fds[0], &buffer, buffer.count)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { break }
                output.append(contentsOf: buffer[0..<n])
            }
            close(fds[0])
        }
        guard spawned == 0 else { throw Failure(description: "cannot run tmux: error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let exitCode = (status >> 8) & 0xff
        guard exitCode == 0 || arguments.first == "kill-server" else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed with \(exitCode)")
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (not in Swift's Glibc module), else one
    /// close action per descriptor listed in /proc/self/fd or /dev/fd.
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
            return
        }
        let listing = FileManager.default.fileExists(atPath: "/proc/self/fd") ? "/proc/self/fd" : "/dev/fd"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: listing)) ?? [] {
            if let fd = Int32(name), fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        }
    }

    private static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
