import Foundation
import Testing

/// Reading stdin never traps: closed stdin is "no stdin", a directory is a one-line usage error.
@Suite struct StdinTests {
    /// Runs the binary through `sh` so stdin can be closed (`<&-`) or be a directory (`< /`).
    static func run(_ arguments: [String], stdin redirect: String) async throws -> CLIRunner.Result {
        let quoted = arguments.map { "'" + $0 + "'" }.joined(separator: " ")
        return try await CLIRunner.run(shell: "exec \"$LLMCTL\" \(quoted) \(redirect)")
    }

    @Test func closedStdinIsNoStdin() async throws {
        let ask = try await Self.run(["ask", "hi"], stdin: "<&-")
        #expect(ask.status == 0, "stderr: \(ask.stderr)")
        #expect(!ask.stdout.isEmpty)
        let bare = try await Self.run([], stdin: "<&-")
        #expect(bare.status == 2, "stderr: \(bare.stderr)")
        #expect(bare.stderr.contains("no prompt"))
        let compare = try await Self.run(["compare", "-m", "offline:mock-1", "-m", "offline:mock-1", "hi"], stdin: "<&-")
        #expect(compare.status == 0, "stderr: \(compare.stderr)")
    }

    @Test func directoryAsStdinIsAUsageError() async throws {
        for arguments in [["ask", "hi"], [], ["compare", "-m", "offline:mock-1", "-m", "offline:mock-1", "hi"], ["batch", "-"]] {
            let result = try await Self.run(arguments, stdin: "< /")
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr == "llmctl: error: stdin is a directory; redirect a file instead (llmctl ask \"…\" < file)\n",
                    "\(arguments)")
        }
    }

    @Test func whitespaceOnlyStdinIsNoPrompt() async throws {
        let result = try await CLIRunner.run(["ask"], environment: CLIRunner.baseEnvironment(), stdin: "  \n\t \n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("no prompt"))
    }
}
