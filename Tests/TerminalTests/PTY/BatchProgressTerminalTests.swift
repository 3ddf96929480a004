import Foundation
import MockProviders
import Testing

/// `llmctl batch` with stderr on a real terminal (tmux) draws a live progress line, and leaves the
/// summary when it is done; results still go to the output file only.
@Suite("batch progress in a terminal", .serialized, .enabled(if: TmuxREPL.isAvailable, "needs tmux"))
struct BatchProgressTerminalTests {
    @Test func progressLineWhileRunningThenTheSummary() async throws {
        // 40 items, 4 at a time, ~300 ms each: about three seconds of progress to watch, even on a
        // machine busy with the rest of the suite.
        let (server, env) = try REPLTerminalTests.server(tokens: 15, delay: .milliseconds(20))
        defer { server.stop() }
        server.enqueueFaults((0..<40).map { $0 == 7 ? .http(400) : .none })
        let home = TmuxREPL.makeHome()
        let input = home + "/in.jsonl", output = home + "/out.jsonl"
        try (0..<40).map { #"{"id": \#($0), "prompt": "question \#($0)"}"# }.joined(separator: "\n")
            .write(toFile: input, atomically: true, encoding: .utf8)
        // Recorded rather than polled: the line is redrawn in place and erased at the end, and a busy
        // test process can miss every frame of it between two screen captures.
        let recording = home + "/terminal.log"
        let pane = try await TmuxREPL(home: home, environment: env,
                                      arguments: ["batch", "--concurrency", "4", "--retries", "0", "-o", output, input],
                                      typescript: recording)
        let done = try await pane.wait(for: "EXIT=", timeout: 30)
        let drawn = (try? String(contentsOfFile: recording, encoding: .utf8)) ?? ""
        let frames = drawn.components(separatedBy: "\r").filter { $0.contains(" in flight") && $0.contains("/40") }
        #expect(!frames.isEmpty, "a live progress line was drawn: \(drawn.suffix(500))")
        #expect(frames.contains { $0.contains("[") && $0.contains("█") || $0.contains("░") }, "the bar itself")
        #expect(done.contains("EXIT=5"), "one item failed with HTTP 400: \(done)")
        #expect(done.contains("batch: 40 items · 39 ok · 1 failed"), "\(done)")
        #expect(!done.contains(" in flight"), "the progress line is erased before the summary: \(done)")
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 40)
        #expect(!done.contains("\"id\""), "results go to the file, not the terminal")
    }
}
