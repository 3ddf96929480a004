import Foundation
import Subprocess
import TestChildProcess
import Testing

/// What the tests' child processes (swift-subprocess through `TestChild`) are relied on for: the child
/// starts with signals unblocked and default dispositions, its output is collected, its deadline is
/// enforced, and a descendant keeping its stdout open does not hang the wait.
///
/// Time bounds are far below the children's `sleep 30` but loose: the deadline is a task's sleep on the
/// concurrency pool, and with two threads the pool can be busy for seconds while the suite starts.
struct TestChildTests {
    static let env = ["PATH": "/usr/bin:/bin"]

    @Test func collectsStdoutStderrAndStatus() async throws {
        let output = try await TestChild.run(path: "/bin/sh", arguments: ["-c", "cat; echo oops >&2; exit 3"],
                                             environment: Self.env, stdin: Array("hello".utf8), timeout: 30)
        #expect(output.stdoutText == "hello")
        #expect(output.stderrText == "oops\n")
        #expect(output.termination == .exited(3))
        #expect(!output.timedOut)
    }

    @Test func largeStdinAndStdoutDoNotDeadlock() async throws {
        let big = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
        let output = try await TestChild.run(path: "/bin/cat", environment: Self.env, stdin: big, timeout: 30)
        #expect(output.stdout.count == big.count)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/status"), "needs /proc"))
    func theChildStartsWithNoSignalBlockedOrIgnored() async throws {
        // Spawned from a concurrency worker, whose mask blocks most signals: the child (grep reading its
        // own status; through a shell it would read the shell's, which blocks signals around a fork)
        // must start with none blocked and none of the standard ones ignored. glibc's posix_spawn leaves
        // its two internal real-time signals (32, 33) ignored; they are not ours to see.
        let output = try await TestChild.run(path: "/bin/grep", arguments: ["-E", "^Sig(Blk|Ign):", "/proc/self/status"],
                                             environment: Self.env, timeout: 30)
        var masks: [String: UInt64] = [:]
        for line in output.stdoutText.split(separator: "\n") {
            let parts = line.split(separator: ":")
            masks[String(parts[0])] = parts.count == 2 ? UInt64(parts[1].trimmingCharacters(in: .whitespaces), radix: 16) : nil
        }
        #expect(masks["SigBlk"] == 0)
        #expect(masks["SigIgn"].map { $0 & 0x7fff_ffff } == 0, "ignored: \(output.stdoutText)")
    }

    @Test func signalsReachTheChildEvenFromAWorkerThread() async throws {
        let child = try await TestChild(path: "/bin/sleep", arguments: ["30"], environment: Self.env, timeout: 60)
        child.send(SIGTERM)
        let output = await child.output()
        #expect(output.termination == .signaled(SIGTERM))
        #expect(output.status == 128 + SIGTERM)
        #expect(!output.timedOut)
    }

    @Test func deadlineKillsTheChild() async throws {
        let started = ContinuousClock.now
        let output = try await TestChild.run(path: "/bin/sh", arguments: ["-c", "trap '' TERM INT; sleep 30"],
                                             environment: Self.env, timeout: 0.3)
        #expect(output.timedOut)
        #expect(output.termination == .signaled(SIGKILL))
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test func aDescendantHoldingStdoutDoesNotHangTheWait() async throws {
        let started = ContinuousClock.now
        let output = try await TestChild.run(path: "/bin/sh", arguments: ["-c", "echo first; sleep 30 &"],
                                             environment: Self.env, timeout: 60)
        #expect(output.stdoutText == "first\n")
        #expect(output.termination == .exited(0))
        #expect(!output.timedOut)
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test func missingExecutableIsAnError() async {
        await #expect(throws: SubprocessError.self) {
            _ = try await TestChild(path: "/nonexistent/tool", environment: Self.env, timeout: 30)
        }
    }
}
