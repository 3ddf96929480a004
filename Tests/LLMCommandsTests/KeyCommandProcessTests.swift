import Foundation
import LLMClient
import LLMCore
import Testing

/// What `key_cmd` relies on from its child process (swift-subprocess): Ctrl-C can stop it (it starts
/// with no signal blocked or ignored), a command that ignores SIGTERM and SIGINT is still killed at the
/// timeout, and a background process it leaves holding stdout does not hold up the key.
/// Time bounds are far below the commands' `sleep 30` but loose: the timeout is a task's sleep on the
/// concurrency pool, and with two threads the pool can be busy for seconds while the suite starts.
@Suite struct KeyCommandProcessTests {
    static let owner = "[endpoints.w]"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/status"), "needs /proc"))
    func startsWithNoSignalBlockedOrIgnored() async throws {
        let runner = KeyCommandRunner(environment: ["PATH": "/usr/bin:/bin"])
        // The first line is the key: the blocked and the ignored masks, side by side, as awk (exec'd in
        // place of the shell) starts with them. glibc's posix_spawn leaves its two internal real-time
        // signals (32, 33) ignored; the standard ones (1-31) must all be at their defaults.
        let key = try await runner.key(
            for: "exec awk '/^Sig(Blk|Ign):/ { printf \"%s \", $2 } END { print \"\" }' /proc/self/status",
            owner: Self.owner)
        let masks = key.split(separator: " ").map { UInt64($0, radix: 16) }
        #expect(masks.count == 2)
        #expect(masks.first == 0, "blocked: \(key)")
        #expect(masks.last.map { ($0 ?? 1) & 0x7fff_ffff } == 0, "ignored: \(key)")
    }

    @Test func aCommandIgnoringSignalsIsStillKilledAtTheTimeout() async {
        let runner = KeyCommandRunner(environment: [:], timeout: 0.3)
        let started = ContinuousClock.now
        let slow = await #expect(throws: ConfigError.self) {
            try await runner.key(for: "trap '' TERM INT; sleep 30", owner: Self.owner)
        }
        #expect(slow?.message.hasPrefix("key_cmd of [endpoints.w] did not finish within 0.3 s") == true)
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test func aBackgroundProcessHoldingStdoutDoesNotHoldUpTheKey() async throws {
        let runner = KeyCommandRunner(environment: [:], timeout: 20)
        let started = ContinuousClock.now
        #expect(try await runner.key(for: "echo sk-bg-123456; sleep 30 &", owner: Self.owner) == "sk-bg-123456")
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test func aShellThatCannotStartIsSaidSo() async {
        let runner = KeyCommandRunner(environment: [:], shell: "/nonexistent/sh")
        let failed = await #expect(throws: ConfigError.self) { try await runner.key(for: "true", owner: Self.owner) }
        #expect(failed?.message.hasPrefix("key_cmd of [endpoints.w] could not be started (") == true)
    }
}
