import Foundation
import TestChildProcess

/// Runs the built `llmctl` binary as a child process, the way a script would.
///
/// Async on purpose: a test blocked in a synchronous wait holds one of the two concurrency threads this
/// machine has, and with two such tests nothing else in the process (the in-process engine tests, the
/// test runner's own reporting) could run until they finished.
struct CLIRunner {
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32

        init(stdout: String, stderr: String, status: Int32) {
            self.stdout = stdout
            self.stderr = stderr
            self.status = status
        }

        init(_ output: ChildOutput) {
            self.init(stdout: output.stdoutText, stderr: output.stderrText, status: output.status)
        }
    }

    /// `LLMCTL_BIN`, else the debug build next to this package.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["LLMCTL_BIN"] { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/llmctl").path
    }

    /// A clean environment: no real provider credentials leak in from the machine running the tests.
    /// Without `home`, a HOME of its own (created lazily by llmctl), so state one test leaves (history,
    /// circuit breakers kept between runs) never reaches another.
    static func baseEnvironment(home: String = freshHome()) -> [String: String] {
        var env: [String: String] = ["PATH": "/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8"]
        env["XDG_CONFIG_HOME"] = home + "/config"
        env["XDG_STATE_HOME"] = home + "/state"
        env["XDG_DATA_HOME"] = home + "/data"
        return env
    }

    /// A path under the temporary directory that no other test uses.
    static func freshHome() -> String {
        NSTemporaryDirectory() + "llmctl-e2e-" + UUID().uuidString.prefix(12)
    }

    /// Runs llmctl to its end; stdin is `stdin` then closed (empty when nil), and it is killed after `timeout`.
    static func run(_ arguments: [String], environment: [String: String], stdin: String? = nil,
                    timeout: TimeInterval = 30) async throws -> Result {
        Result(try await TestChild.run(path: binary, arguments: arguments, environment: environment,
                                       stdin: Array((stdin ?? "").utf8), timeout: timeout))
    }

    /// Runs `script` with `sh -c`, `$LLMCTL` naming the binary: for what needs a shell's redirections
    /// (a closed stdin, a directory as stdin).
    static func run(shell script: String, environment: [String: String] = baseEnvironment(),
                    timeout: TimeInterval = 30) async throws -> Result {
        var environment = environment
        environment["LLMCTL"] = binary
        return Result(try await TestChild.run(path: "/bin/sh", arguments: ["-c", script], environment: environment,
                                              stdin: [], timeout: timeout))
    }
}

/// The built `llmctl` as a child process that the test can signal while it runs.
final class RunningCLI: Sendable {
    private let child: TestChild

    /// Starts llmctl with a closed stdin, killed after `timeout` at the latest.
    init(_ arguments: [String], environment: [String: String], timeout: TimeInterval = 60) async throws {
        child = try await TestChild(path: CLIRunner.binary, arguments: arguments, environment: environment,
                                    stdin: [], timeout: timeout)
    }

    /// Polls `condition` every 5 ms until it holds (true) or `timeout` passes (false).
    static func wait(timeout: TimeInterval, until condition: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return condition()
    }

    /// Sends SIGINT, as Ctrl-C would.
    func interrupt() { child.send(SIGINT) }

    /// Waits for llmctl to end and returns what it printed.
    func finish() async -> CLIRunner.Result { CLIRunner.Result(await child.output()) }
}
