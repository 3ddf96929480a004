import Foundation
import TestChildProcess

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
    ///
    /// `typescript`: also record every byte the program writes to its terminal in this file, through
    /// util-linux `script` (its own pseudo-terminal, flushed on each write, done before `EXIT=` shows):
    /// for output that is drawn and erased again (a progress line), which a screen capture can miss.
    init(home: String, environment: [String: String], arguments: [String] = [], typescript: String? = nil) async throws {
        self.home = home
        var env = ["PATH": "/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8", "TERM": "tmux-256color",
                   "XDG_STATE_HOME": home + "/state", "XDG_CONFIG_HOME": home + "/config"]
        env.merge(environment) { _, new in new }
        let assignments = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        var program = "env -i \(assignments) \(Self.quote(Self.binary)) \(arguments.map(Self.quote).joined(separator: " "))"
        if let typescript { program = "script -qfec \(Self.quote(program)) \(Self.quote(typescript))" }
        let command = program + "; echo EXIT=$?; stty -a; sleep 120"
        try await tmux(["new-session", "-d", "-x", "120", "-y", "40", "-s", "main", command])
        serverPID = pid_t(try await tmux(["display-message", "-p", "#{pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// The pane's title (what an `ESC]0;…BEL` from the program would set).
    func title() async throws -> String {
        try await tmux(["display-message", "-p", "-t", "main", "#{pane_title}"]).trimmingCharacters(in: .newlines)
    }

    /// The tmux server's process, stopped at deinit (SIGTERM, which tmux handles like kill-server):
    /// deinit cannot await a `tmux kill-server` client.
    private var serverPID: pid_t = 0

    deinit {
        if serverPID > 0 { kill(serverPID, SIGTERM) }
        unlink(socket)
    }

    /// Sends tmux key names (`Enter`, `C-c`, `Tab`, `Up`) or literal text, as `send-keys` reads them.
    func keys(_ keys: String...) async throws { try await tmux(["send-keys", "-t", "main"] + keys) }

    /// Types text exactly as given (no key-name interpretation).
    func type(_ text: String) async throws { try await tmux(["send-keys", "-t", "main", "-l", text]) }

    /// Pastes text the way a terminal does, wrapped in bracketed-paste markers when the program asked.
    func paste(_ text: String) async throws {
        try await tmux(["set-buffer", "-b", "t", text])
        try await tmux(["paste-buffer", "-p", "-b", "t", "-t", "main"])
    }

    /// The whole pane, wrapped lines joined, history included.
    func screen() async throws -> String {
        let capture = ["capture-pane", "-p", "-J", "-S", "-500", "-t", "main"]
        lastScreen = try await tmux(capture)
        return lastScreen
    }

    /// Polls the screen until `predicate` holds; throws with the screen after `timeout` seconds.
    /// Async all the way down, so a test watching its screen never holds one of the concurrency threads
    /// (with two cores there are two, and a blocked one starves every other test in the process).
    @discardableResult
    func wait(_ what: String, timeout: Double = 10, until predicate: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = try await screen()
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

    /// Waits until `count` replies have finished and the editor shows `prompt` again on the last line,
    /// so keys sent next reach the line editor rather than the tail of the reply.
    @discardableResult
    func waitForReplies(_ count: Int, prompt: String, timeout: Double = 10) async throws -> String {
        try await wait("\(count) replies and a fresh prompt", timeout: timeout) { screen in
            let last = screen.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            return Self.summaries(screen) == count
                && last?.trimmingCharacters(in: .whitespaces) == prompt.trimmingCharacters(in: .whitespaces)
        }
    }

    /// How many replies have finished with a timing summary (each names its connection). An interrupted
    /// or incomplete reply's line names its connection too, but is not a finished reply.
    static func summaries(_ screen: String) -> Int {
        summaryLines(screen).count
    }

    /// The summary lines of finished replies, in screen order.
    static func summaryLines(_ screen: String) -> [Substring] {
        screen.split(separator: "\n").filter { line in
            (line.contains("new conn") || line.contains("reused conn"))
                && !line.hasPrefix("[interrupted]") && !line.hasPrefix("[incomplete]")
        }
    }

    /// The text of the last line that starts with `prefix`.
    func lastLine(startingWith prefix: String) -> String? {
        lastScreen.split(separator: "\n").last { $0.hasPrefix(prefix) }.map(String.init)
    }

    /// Runs one tmux client with swift-subprocess (`TestChild`): with signals unblocked (the tmux server
    /// it forks, and llmctl in its pane, must see SIGHUP, SIGINT and SIGTERM) and no inherited
    /// descriptors besides its stdio (the forked server would keep any of them open for its whole life).
    /// Awaited, so a test driving its pane never holds one of the concurrency threads.
    @discardableResult
    private func tmux(_ arguments: [String]) async throws -> String {
        var env = ProcessInfo.processInfo.environment
        env["TMUX"] = nil
        let output = try await TestChild.run(path: Self.tmuxPath, arguments: ["-S", socket, "-f", "/dev/null"] + arguments,
                                             environment: env, captureStderr: false, timeout: 30)
        guard output.status == 0 else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed with \(output.status)")
        }
        return output.stdoutText
    }

    private static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
