import ChildProcess
import Foundation
import Testing

/// The child starts with signals unblocked, its output is collected, its deadline is enforced, and
/// waiting for it does not hold a concurrency thread.
struct ChildProcessTests {
    static let env = ["PATH": "/usr/bin:/bin"]

    @Test func collectsStdoutStderrAndStatus() async throws {
        let child = try ChildProcess(path: "/bin/sh", arguments: ["-c", "cat; echo oops >&2; exit 3"],
                                     environment: Self.env, stdin: Array("hello".utf8))
        let output = await child.output()
        #expect(output.stdoutText == "hello")
        #expect(output.stderrText == "oops\n")
        #expect(output.termination == .exited(3))
        #expect(!output.timedOut)
    }

    @Test func largeStdinAndStdoutDoNotDeadlock() async throws {
        let big = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
        let child = try ChildProcess(path: "/bin/cat", environment: Self.env, stdin: big)
        let output = await child.output()
        #expect(output.stdout.count == big.count)
    }

    @Test func signalsReachTheChildEvenFromAWorkerThread() async throws {
        // Spawned from a concurrency worker, whose mask blocks SIGTERM: the child must still see it.
        let child = try ChildProcess(path: "/bin/sleep", arguments: ["30"], environment: Self.env)
        child.send(SIGTERM)
        let output = await child.output()
        #expect(output.termination == .signalled(SIGTERM))
        #expect(output.termination.code == 128 + SIGTERM)
    }

    @Test func deadlineKillsTheChild() async throws {
        let started = Date()
        let child = try ChildProcess(path: "/bin/sh", arguments: ["-c", "trap '' TERM INT; sleep 30"],
                                     environment: Self.env, timeout: 0.3)
        let output = await child.output()
        #expect(output.timedOut)
        #expect(output.termination == .signalled(SIGKILL))
        // Killed at its deadline, not after its 30 s sleep (the margin is for a loaded machine).
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test func aDescendantHoldingStdoutDoesNotHangTheWait() async throws {
        let started = Date()
        let child = try ChildProcess(path: "/bin/sh", arguments: ["-c", "echo first; sleep 30 &"],
                                     environment: Self.env)
        let output = await child.output()
        #expect(output.stdoutText == "first\n")
        #expect(output.termination == .exited(0))
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func missingExecutableIsASpawnError() {
        #expect(throws: ChildProcess.SpawnError.self) {
            _ = try ChildProcess(path: "/nonexistent/tool", environment: Self.env)
        }
    }

    @Test func blockingWaitForSynchronousCallers() throws {
        let child = try ChildProcess(path: "/bin/echo", arguments: ["key"], environment: Self.env)
        #expect(child.outputBlocking().stdoutText == "key\n")
    }
}
