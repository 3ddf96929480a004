import Foundation
import MockProviders
import Testing

/// `llmctl batch`, the built binary against MockProviders: failures injected, interrupted and resumed.
@Suite(.serialized)
struct BatchTests {
    @Test func twoHundredItemsWithTenPercentFailures() async throws {
        // A reply that trickles (2 ms a token) like a real one; see the note on connection counts below.
        let server = try BatchSupport.start(.init(tokens: 6, tokenDelay: .milliseconds(2)))
        defer { server.stop() }
        // Every 10th request answers 500; with --retries 0 exactly those items fail.
        server.enqueueFaults((0..<200).map { $0 % 10 == 9 ? .http(500) : .none })
        let dir = try BatchSupport.directory()
        let input = dir.appendingPathComponent("batch.jsonl").path
        try BatchSupport.input(count: 200).write(toFile: input, atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("out.jsonl").path

        let started = Date()
        let result = try await CLIRunner.run(["batch", "-m", "openai:gpt-4o-mini", "--retries", "0", "--concurrency", "16",
                                        "-o", output, input], environment: BatchSupport.environment(server))
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(result.status == 5, "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        let lines = try BatchSupport.objects(try String(contentsOfFile: output, encoding: .utf8))
        #expect(lines.count == 200)
        let ids = lines.compactMap { $0["id"] as? Int }
        #expect(ids == Array(0..<200), "ordered by input, each id once")
        let failures = lines.filter { $0["error"] is [String: Any] }
        #expect(failures.count == 20)
        for failure in failures {
            let error = try #require(failure["error"] as? [String: Any])
            #expect(error["http_status"] as? Int == 500)
            #expect(error["kind"] as? String == "server")
            #expect(error["exit_code"] as? Int == 5)
            #expect(failure["text"] as? String == "", "nothing arrived before the 500")
        }
        for answer in lines where answer["error"] is NSNull {
            #expect((answer["text"] as? String)?.isEmpty == false)
            #expect(answer["model"] as? String == "openai:gpt-4o-mini")
            #expect((answer["usage"] as? [String: Any])?["output_tokens"] as? Int == 6)
            #expect((answer["timing"] as? [String: Any])?["total_ms"] as? Double != nil)
            #expect((answer["connection"] as? [String: Any])?["http_version"] as? String == "1.1")
            #expect((answer["attempts"] as? [Any])?.count == 1)
        }
        // HTTP/1.1: at most one connection per request in flight, all reused from the pool after that.
        let opened = lines.filter { ($0["connection"] as? [String: Any])?["reused"] as? Bool == false }.count
        #expect(opened == server.acceptedConnections, "the summary counts what the server saw")
        // The pool keeps up to 256 idle connections (CURLMOPT_MAXCONNECTS), so none is closed and reopened.
        #expect(server.acceptedConnections <= 16, "accepted \(server.acceptedConnections)")
        #expect(result.stderr.contains("batch: 200 items · 180 ok · 20 failed"), "\(result.stderr)")
        #expect(result.stderr.contains("connections: \(opened) opened for 200 requests"), "\(result.stderr)")
        #expect(result.stderr.contains("latency: ttft p50"))
        #expect(!result.stderr.contains(BatchSupport.key))
    }

    @Test func interruptedHalfWayThenResumed() async throws {
        // ~100 ms per item, 16 at a time: the whole batch would take over a second.
        let server = try BatchSupport.start(.init(tokens: 10, tokenDelay: .milliseconds(10)))
        defer { server.stop() }
        let dir = try BatchSupport.directory()
        let input = dir.appendingPathComponent("batch.jsonl").path
        try BatchSupport.input(count: 200).write(toFile: input, atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("out.jsonl").path
        let arguments = ["batch", "-m", "openai:gpt-4o-mini", "--concurrency", "16", "-o", output, input]

        let child = try await RunningCLI(arguments, environment: BatchSupport.environment(server))
        #expect(await RunningCLI.wait(timeout: 20) { BatchSupport.lineCount(output) >= 100 })
        child.interrupt()
        let first = await child.finish()
        #expect(first.status == 130, "stderr: \(first.stderr)")
        #expect(first.stderr.contains("interrupted:"), "\(first.stderr)")
        #expect(first.stderr.contains("--resume"))
        let before = try BatchSupport.objects(try String(contentsOfFile: output, encoding: .utf8))
        #expect(before.count >= 100 && before.count < 200, "\(before.count) lines")
        #expect(before.allSatisfy { $0["error"] is NSNull }, "cancelled items are not written as errors")

        let second = try await CLIRunner.run(arguments + ["--resume"], environment: BatchSupport.environment(server))
        #expect(second.status == 0, "stderr: \(second.stderr)")
        #expect(second.stderr.contains("\(before.count) skipped"), "\(second.stderr)")
        let after = try BatchSupport.objects(try String(contentsOfFile: output, encoding: .utf8))
        let ids = after.compactMap { $0["id"] as? Int }
        #expect(ids.count == 200)
        #expect(Set(ids) == Set(0..<200))
    }

    @Test func resumeCutsATornLastLine() async throws {
        let server = try BatchSupport.start()
        defer { server.stop() }
        let dir = try BatchSupport.directory()
        let input = dir.appendingPathComponent("batch.jsonl").path
        try BatchSupport.input(count: 5).write(toFile: input, atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("out.jsonl").path
        try (#"{"id":0,"text":"done"}"# + "\n" + #"{"id":3,"text":"done"}"# + "\n" + #"{"id":1,"te"#)
            .write(toFile: output, atomically: true, encoding: .utf8)
        let result = try await CLIRunner.run(["batch", "--resume", "-m", "openai:gpt-4o-mini", "-o", output, input],
                                       environment: BatchSupport.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("torn last line"), "\(result.stderr)")
        #expect(result.stderr.contains("2 skipped"))
        let lines = try BatchSupport.objects(try String(contentsOfFile: output, encoding: .utf8))
        #expect(lines.compactMap { $0["id"] as? Int } == [0, 3, 1, 2, 4])
        #expect(server.requestsServed == 3)
    }

    @Test func malformedLinesAreReportedWithTheirNumbers() async throws {
        let server = try BatchSupport.start()
        defer { server.stop() }
        let dir = try BatchSupport.directory()
        let input = dir.appendingPathComponent("batch.jsonl").path
        let text = """
            {"id": "a", "prompt": "one"}

            {"id": "b", "prompt": "two"
            {"id": "c", "messages": [{"role": "user", "content": "three"}]}
            {"id": "d"}
            {"id": "a", "prompt": "again"}
            {"id": "e", "prompt": "five", "max_tokens": 0}
            """
        try text.write(toFile: input, atomically: true, encoding: .utf8)
        let result = try await CLIRunner.run(["batch", "-m", "openai:gpt-4o-mini", input], environment: BatchSupport.environment(server))
        #expect(result.status == 2, "nothing failed, but the input had bad lines: \(result.stderr)")
        #expect(result.stderr.contains("\(input):3: not valid JSON"), "\(result.stderr)")
        #expect(result.stderr.contains("\(input):5: missing \"prompt\" or \"messages\""))
        #expect(result.stderr.contains("\(input):6: duplicate id \"a\" (first on line 1); skipped"))
        #expect(result.stderr.contains("\(input):7: \"max_tokens\" must be an integer of at least 1"))
        #expect(result.stderr.contains("3 malformed · 1 duplicate id"))
        let lines = try BatchSupport.objects(result.stdout)
        #expect(lines.compactMap { $0["id"] as? String } == ["a", "c"])
    }

    @Test func inputOrderByDefaultCompletionOrderWhenUnordered() async throws {
        // One server per item, so each item's delay does not depend on which request arrives first:
        // the first item is the slowest, the last the fastest.
        let servers = try [600, 300, 0].map { delay in
            let server = try BatchSupport.start(.init(tokens: 3))
            if delay > 0 { server.setDefaultFault(MockFault(firstByteDelay: .milliseconds(delay))) }
            return server
        }
        defer { servers.forEach { $0.stop() } }
        var env = BatchSupport.environment(servers[2])
        for (name, server) in [("GROQ", servers[0]), ("MISTRAL", servers[1])] {
            env["\(name)_API_KEY"] = BatchSupport.key
            env["\(name)_BASE_URL"] = server.baseURL + "/v1"
        }
        let input = [#"{"id": 0, "prompt": "slow", "model": "groq:m"}"#, #"{"id": 1, "prompt": "medium", "model": "mistral:m"}"#,
                     #"{"id": 2, "prompt": "fast", "model": "openai:m"}"#].joined(separator: "\n")
        var orders: [[Int]] = []
        for flags in [[String](), ["--unordered"]] {
            let result = try await CLIRunner.run(["batch", "--concurrency", "3"] + flags + ["-"], environment: env, stdin: input)
            #expect(result.status == 0, "stderr: \(result.stderr)")
            orders.append(try BatchSupport.objects(result.stdout).compactMap { $0["id"] as? Int })
        }
        #expect(orders[0] == [0, 1, 2])
        #expect(orders[1] == [2, 1, 0])
    }

    @Test func resumeWithoutOutputIsAUsageError() async throws {
        let result = try await CLIRunner.run(["batch", "--resume", "-"], environment: CLIRunner.baseEnvironment(), stdin: "")
        #expect(result.status == 2)
        #expect(result.stderr.contains("--resume needs -o FILE"), "\(result.stderr)")
    }

    @Test func itemModelThatDoesNotResolveIsItsErrorLine() async throws {
        let server = try BatchSupport.start()
        defer { server.stop() }
        let input = #"{"id": 1, "prompt": "hi", "model": "nosuch:model"}"# + "\n" + #"{"id": 2, "prompt": "hi"}"# + "\n"
        let result = try await CLIRunner.run(["batch", "-m", "openai:gpt-4o-mini", "-"], environment: BatchSupport.environment(server),
                                       stdin: input)
        #expect(result.status == 5, "stderr: \(result.stderr)")
        let lines = try BatchSupport.objects(result.stdout)
        #expect(lines.count == 2)
        #expect((lines[0]["error"] as? [String: Any])?["kind"] as? String == "config")
        #expect(lines[0]["model"] as? String == "nosuch:model")
        #expect(lines[1]["text"] as? String != nil)
    }
}

/// One model that always fails never fails the others: breakers are per model, and an item refused by
/// an open circuit waits for the probe and makes its own attempt (issue: 1,217 healthy items failed).
struct BatchBreakerTests {
    @Test func oneFailingModelFailsOnlyItsOwnItems() async throws {
        var configuration = MockConfiguration(tokens: 3)
        configuration.modelFaults = ["bad-model": .http(500)]
        let server = try BatchSupport.start(configuration)
        defer { server.stop() }
        let dir = try BatchSupport.directory()
        let input = dir.appendingPathComponent("batch.jsonl").path
        let lines = (0..<400).map { i in
            i % 10 == 3 ? #"{"id": \#(i), "prompt": "q \#(i)", "model": "openai:bad-model"}"# : #"{"id": \#(i), "prompt": "q \#(i)"}"#
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("out.jsonl").path
        let result = try await CLIRunner.run(["batch", "-m", "openai:gpt-4o-mini", "--retries", "0", "--concurrency", "32",
                                              "--breaker-threshold", "3", "--breaker-cooldown", "0.3", "-o", output, input],
                                             environment: BatchSupport.environment(server), timeout: 60)
        #expect(result.status == 5, "stderr: \(result.stderr)")
        let objects = try BatchSupport.objects(try String(contentsOfFile: output, encoding: .utf8))
        #expect(objects.count == 400)
        let failed = objects.filter { $0["error"] is [String: Any] }
        #expect(Set(failed.compactMap { $0["id"] as? Int }) == Set((0..<400).filter { $0 % 10 == 3 }))
        for item in failed {
            let error = try #require(item["error"] as? [String: Any])
            #expect(error["kind"] as? String == "server", "\(item)")
            #expect(error["http_status"] as? Int == 500)
            let outcomes = (item["attempts"] as? [[String: Any]] ?? []).compactMap { $0["outcome"] as? String }
            #expect(outcomes.contains { $0.hasPrefix("HTTP 500") }, "a real attempt: \(outcomes)")
        }
        #expect(result.stderr.contains("batch: 400 items · 360 ok · 40 failed"), "\(result.stderr)")
    }

    /// Items waiting for a failing model's probe hold no slot: with the failing model's items first
    /// and a cooldown far longer than the healthy items take (15 s; 60 items need well under one even
    /// on a machine busy with the whole suite), every healthy item is written before
    /// the waiting ones (they used to hold every slot for the whole cooldown).
    @Test func itemsWaitingForAProbeDoNotHoldSlots() async throws {
        var configuration = MockConfiguration(tokens: 3)
        configuration.modelFaults = ["bad-model": .http(500)]
        let server = try BatchSupport.start(configuration)
        defer { server.stop() }
        let dir = try BatchSupport.directory()
        let input = dir.appendingPathComponent("batch.jsonl").path
        let lines = (0..<100).map { i in
            i < 40 ? #"{"id": \#(i), "prompt": "q \#(i)", "model": "openai:bad-model"}"# : #"{"id": \#(i), "prompt": "q \#(i)"}"#
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("out.jsonl").path
        let result = try await CLIRunner.run(["batch", "-m", "openai:gpt-4o-mini", "--retries", "0", "--concurrency", "8",
                                              "--unordered", "--breaker-threshold", "3", "--breaker-cooldown", "15",
                                              "-o", output, input],
                                             environment: BatchSupport.environment(server), timeout: 60)
        #expect(result.status == 5, "stderr: \(result.stderr)")
        let ids = try BatchSupport.objects(try String(contentsOfFile: output, encoding: .utf8)).compactMap { $0["id"] as? Int }
        #expect(ids.count == 100)
        let lastHealthy = try #require(ids.lastIndex { $0 >= 40 })
        // Only the items sent before the circuit opened (at most 8 in flight + 2 more) fail at once;
        // the rest waited (the old code: none after the last healthy item).
        let badAfter = ids[(lastHealthy + 1)...].filter { $0 < 40 }.count
        #expect(badAfter >= 28, "bad items written after the last healthy one: \(badAfter); order: \(ids)")
        #expect(result.stderr.contains("100 items · 60 ok · 40 failed"), "\(result.stderr)")
    }
}
