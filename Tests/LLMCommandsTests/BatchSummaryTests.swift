import LLMClient
import LLMCore
import Testing
@testable import LLMCommands
import Terminal

/// Summary maths, exit statuses, output-line JSON and the progress line.
@Suite struct BatchSummaryTests {
    static func stats(ttft: Double, total: Double, tokens: Int, reused: [Bool?]) -> RequestStats {
        RequestStats(provider: "openai", model: "m", ttftMs: ttft, totalMs: total, outputTokens: tokens,
                     tokensPerSecond: Double(tokens) / (total / 1000),
                     connection: ConnectionStats(reused: reused.last.flatMap { $0 } ?? false, httpVersion: "1.1"),
                     attempts: reused.map { AttemptRecord(model: "openai:m", outcome: .error, reusedConnection: $0) })
    }

    @Test func countsPercentilesAndConnections() {
        var tally = BatchTally()
        for i in 1...20 {
            tally.record(Self.stats(ttft: Double(i), total: Double(i * 10), tokens: 10, reused: [i > 4]), ok: true)
        }
        // A failed item with a retry: two requests, one on a new connection; a refused attempt sent nothing.
        var failed = Self.stats(ttft: 0, total: 5, tokens: 0, reused: [true, false])
        failed.attempts.append(AttemptRecord(model: "openai:m", outcome: .circuitOpen))
        tally.record(failed, ok: false)
        tally.record(nil, ok: false)
        tally.skipped = 3
        tally.malformed = 1
        #expect(tally.requests == 22)
        #expect(tally.connectionsOpened == 5)
        #expect(tally.outputTokens == 200)
        let lines = tally.lines(elapsed: .seconds(2), output: "out.jsonl")
        #expect(lines[0] == "batch: 25 items · 20 ok · 2 failed · 3 skipped (already in out.jsonl) · 1 malformed · 2000 ms")
        #expect(lines[1] == "latency: ttft p50 10 ms, p95 19 ms · total p50 100 ms, p95 190 ms")
        #expect(lines[2].hasPrefix("throughput: 100 tok/s overall (200 output tokens) · "))
        #expect(lines[3] == "connections: 5 opened for 22 requests (77% reused)")

        var refused = BatchTally()
        refused.record(RequestStats(provider: "openai", model: "m", attempts: [AttemptRecord(model: "openai:m", outcome: .network(.connect))]), ok: false)
        #expect(refused.lines(elapsed: .milliseconds(3), output: nil).last == "connections: none; 1 attempt could not connect")
        #expect(refused.lines(elapsed: .milliseconds(3), output: nil).first == "batch: 1 item · 0 ok · 1 failed · 3.0 ms")
        #expect(lines.count == 4)
        #expect(tally.exitStatus == .provider)
    }

    @Test func exitStatuses() {
        var tally = BatchTally()
        #expect(tally.exitStatus == .success)
        tally.duplicates = 1
        #expect(tally.exitStatus == .usage)
        tally.record(nil, ok: false)
        #expect(tally.exitStatus == .provider)
        tally.interrupted = true
        #expect(tally.exitStatus == .interrupted)
    }

    @Test func interruptedSummarySaysHowToFinish() {
        var tally = BatchTally()
        tally.interrupted = true
        tally.cancelled = 4
        tally.notStarted = 10
        let lines = tally.lines(elapsed: .milliseconds(500), output: "o.jsonl")
        #expect(lines.last == "interrupted: 4 in flight cancelled, 10 not started; run the same command with --resume to finish them")
        #expect(lines[0].hasPrefix("batch: 14 items · 0 ok · 0 failed"))
    }

    @Test func outputLinesKeepIDFirstAndEscapeText() {
        let result = ChatResult(text: "a \"quote\"\n\u{1}\u{2028}é", finishReason: "stop",
                                usage: Usage(inputTokens: 3, outputTokens: 4),
                                stats: Self.stats(ttft: 1.23456, total: 10, tokens: 4, reused: [false]),
                                model: ModelRef(provider: "openai", model: "m"))
        let line = ReplyRecord.line(result, id: .number("7"))
        #expect(line.hasPrefix(#"{"id":7,"model":"openai:m","provider":"openai","text":"a \"quote\"\n\u0001\u2028é","reasoning":null,"tool_calls":[],"tool_rounds":0,"finish_reason":"stop","usage":{"input_tokens":3,"output_tokens":4,"total_tokens":7,"cached_input_tokens":null,"cache_write_tokens":null,"reasoning_tokens":null},"timing":{"ttft_ms":1.235,"first_text_ms":null,"total_ms":10,"tokens_per_s":400}"#), "\(line)")
        #expect(!line.contains("\n"))
        let parsed = try? JSONValue.parse(line)
        #expect(parsed?["text"]?.string == result.text)

        let report = ErrorReport(message: "boom", status: .provider, kind: "server", httpStatus: 500)
        let failure = ReplyRecord.line(nil, error: report, requested: "openai:m", id: .string("x"))
        #expect(failure == #"{"id":"x","model":"openai:m","provider":"openai","text":"","reasoning":null,"tool_calls":[],"tool_rounds":0,"finish_reason":null,"usage":{"input_tokens":null,"output_tokens":null,"total_tokens":null,"cached_input_tokens":null,"cache_write_tokens":null,"reasoning_tokens":null},"timing":null,"connection":null,"attempts":[],"error":{"message":"boom","kind":"server","exit_code":5,"http_status":500}}"#)
    }
}
