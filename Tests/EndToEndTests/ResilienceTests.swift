import Foundation
import MockProviders
import Testing

/// Retries, timeouts, circuit breaking and fallback: the built `llmctl ask` against injected faults.
@Suite(.serialized)
struct ResilienceTests {
    static let key = "sk-test-resilience-0123456789"

    static func start(_ configuration: MockConfiguration = .init()) throws -> MockServer {
        try MockFixture.start(configuration)
    }

    static func environment(_ server: MockServer) -> [String: String] {
        MockFixture.openAIEnvironment(server, key: key)
    }

    /// Chat requests the server has seen (ignores anything else).
    static func chats(_ server: MockServer) -> Int {
        server.recordedRequests.filter { $0.path.hasSuffix("/chat/completions") || $0.path.hasSuffix("/messages") }.count
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func rateLimitedWithRetryAfterThenSuccess() async throws {
        let server = try Self.start(.init(replyText: "after the wait"))
        defer { server.stop() }
        server.enqueueFaults([.http(429, retryAfter: .seconds(1))])
        let started = Date()
        let result = try await CLIRunner.run(["ask", "--stats", "-m", "openai:gpt-4o-mini", "hi"], environment: Self.environment(server))
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "after the wait\n")
        #expect(Self.chats(server) == 2)
        #expect(elapsed >= 1.0)
        #expect(result.stderr.contains("llmctl: HTTP 429 from openai, retrying in 1.0 s (attempt 2 of 3)"), "\(result.stderr)")
        #expect(result.stderr.contains("2 attempts"))
        #expect(!result.stderr.contains(Self.key))
    }

    @Test func everyAttemptIsInTheJSON() async throws {
        let server = try Self.start()
        defer { server.stop() }
        server.enqueueFaults([.http(429, retryAfter: .milliseconds(1200))])
        let result = try await CLIRunner.run(["ask", "--json", "-m", "openai:gpt-4o-mini", "hi"], environment: Self.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try Self.json(result.stdout)
        let attempts = try #require(object["attempts"] as? [[String: Any]])
        #expect(attempts.count == 2)
        #expect(attempts[0]["status"] as? Int == 429)
        #expect((attempts[0]["outcome"] as? String)?.contains("429") == true)
        #expect(attempts[0]["waited_ms"] as? Double == 0)
        #expect(attempts[1]["outcome"] as? String == "ok")
        // retry-after-ms (1200) wins over retry-after (rounded up to 2 s).
        let waited = try #require(attempts[1]["waited_ms"] as? Double)
        #expect(waited >= 1200 && waited < 1900)
        #expect(object["provider"] as? String == "openai")
        // Each attempt says which connection it used: the 429 kept the connection open for the retry.
        #expect(attempts[0]["reused_connection"] as? Bool == false)
        #expect(attempts[1]["reused_connection"] as? Bool == true)
    }

    @Test func overloaded529ThenSuccess() async throws {
        let server = try Self.start()
        defer { server.stop() }
        server.enqueueFaults([.http(529)])
        let result = try await CLIRunner.run(["ask", "-m", "openai:gpt-4o-mini", "hi"], environment: Self.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.hasPrefix("Mock reply"))
        #expect(result.stderr.contains("HTTP 529 from openai, retrying in"))
        #expect(Self.chats(server) == 2)
    }

    @Test func anthropicOverloadedThenSuccess() async throws {
        let server = try Self.start()
        defer { server.stop() }
        server.enqueueFaults([.http(529)])
        var env = CLIRunner.baseEnvironment()
        env["ANTHROPIC_API_KEY"] = "sk-ant-test-0123456789"
        env["ANTHROPIC_BASE_URL"] = server.baseURL
        let result = try await CLIRunner.run(["ask", "-m", "anthropic:claude-sonnet-4-5", "hi"], environment: env)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(!result.stdout.isEmpty)
        #expect(result.stderr.contains("HTTP 529 from anthropic, retrying in"), "\(result.stderr)")
        #expect(Self.chats(server) == 2)
    }

    @Test func serverErrorsExhaustTheRetries() async throws {
        let server = try Self.start()
        defer { server.stop() }
        server.setDefaultFault(.http(500))
        let result = try await CLIRunner.run(["ask", "--retries", "2", "-m", "openai:gpt-4o-mini", "hi"],
                                       environment: Self.environment(server))
        #expect(result.status == 5, "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(Self.chats(server) == 3)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.contains("retrying in") }.count == 2)
        #expect(lines.contains("llmctl: openai:gpt-4o-mini: giving up after 3 attempts"), "\(result.stderr)")
        #expect(lines.last?.hasPrefix("llmctl: error: openai had a server error (HTTP 500)") == true, "\(result.stderr)")
    }

    @Test func clientErrorsAreNotRetried() async throws {
        let server = try Self.start()
        defer { server.stop() }
        server.setDefaultFault(.http(400))
        let result = try await CLIRunner.run(["ask", "--json", "-m", "openai:gpt-4o-mini", "hi"],
                                             environment: Self.environment(server))
        #expect(result.status == 5)
        #expect(Self.chats(server) == 1)
        #expect(!result.stderr.contains("retrying"))
        // Error kinds are snake_case, like every other key and value printed for scripts.
        let error = try #require(try Self.json(result.stdout)["error"] as? [String: Any])
        #expect(error["kind"] as? String == "bad_request")
        #expect(error["http_status"] as? Int == 400)
    }

    @Test func dropAfterTextIsNotRetriedAndKeepsThePartialReply() async throws {
        let server = try Self.start(.init(tokens: 20))
        defer { server.stop() }
        server.enqueueFaults([MockFault(dropAfterTokens: 5)])
        let result = try await CLIRunner.run(["ask", "-m", "openai:gpt-4o-mini", "tell me"], environment: Self.environment(server))
        #expect(result.status != 0)
        #expect(result.stdout.hasPrefix("Mock reply"), "stdout: \(result.stdout)")
        #expect(!result.stdout.contains("token20"))
        #expect(Self.chats(server) == 1)
        #expect(result.stderr.contains("not retrying: part of the reply was already shown"), "\(result.stderr)")
    }

    @Test func slowFirstByteFiresTheFirstTokenTimeout() async throws {
        let server = try Self.start()
        defer { server.stop() }
        server.enqueueFaults([MockFault(firstByteDelay: .seconds(4))])
        let started = Date()
        let result = try await CLIRunner.run(["ask", "--retries", "0", "--first-token-timeout", "0.5", "-m", "openai:gpt-4o-mini", "hi"],
                                       environment: Self.environment(server))
        #expect(result.status == 6, "stderr: \(result.stderr)")
        #expect(Date().timeIntervalSince(started) < 3)
        #expect(result.stderr.contains("first-token timeout: 0.5 s passed without a token from 127.0.0.1:\(server.port); raise it with --first-token-timeout"),
                "\(result.stderr)")
    }

    @Test func firstTokenTimeoutIsRetried() async throws {
        let server = try Self.start(.init(replyText: "second try"))
        defer { server.stop() }
        server.enqueueFaults([MockFault(firstByteDelay: .seconds(4))])
        let result = try await CLIRunner.run(["ask", "--first-token-timeout", "0.5", "-m", "openai:gpt-4o-mini", "hi"],
                                       environment: Self.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "second try\n")
        #expect(result.stderr.contains("first-token timeout (0.5 s) from openai, retrying in"), "\(result.stderr)")
        #expect(Self.chats(server) == 2)
    }

    @Test func idleGapAfterTextIsNotRetried() async throws {
        let server = try Self.start(.init(tokens: 6))
        defer { server.stop() }
        server.enqueueFaults([MockFault(tokenDelay: .milliseconds(900))])
        let result = try await CLIRunner.run(["ask", "--idle-timeout", "0.3", "-m", "openai:gpt-4o-mini", "hi"],
                                       environment: Self.environment(server))
        #expect(result.status == 6, "stderr: \(result.stderr)")
        #expect(!result.stdout.isEmpty)
        #expect(result.stderr.contains("idle timeout: 0.3 s passed"), "\(result.stderr)")
        #expect(result.stderr.contains("raise it with --idle-timeout"))
        #expect(Self.chats(server) == 1)
    }

    @Test func connectTimeoutNamesItself() async throws {
        let (port, fds) = LoopbackPort.unanswered()
        defer { fds.forEach { close($0) } }
        var env = CLIRunner.baseEnvironment()
        env["OPENAI_API_KEY"] = Self.key
        env["OPENAI_BASE_URL"] = "http://127.0.0.1:\(port)/v1"
        let started = Date()
        let result = try await CLIRunner.run(["ask", "--retries", "0", "--connect-timeout", "0.5", "-m", "openai:gpt-4o-mini", "hi"],
                                             environment: env)
        #expect(result.status == 6, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("connect timeout: 0.5 s passed"), "\(result.stderr)")
        #expect(result.stderr.contains("--connect-timeout"), "\(result.stderr)")
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func totalTimeoutNamesItself() async throws {
        let server = try Self.start()
        defer { server.stop() }
        server.setDefaultFault(MockFault(firstByteDelay: .seconds(4)))
        let result = try await CLIRunner.run(["ask", "--timeout", "0.6", "-m", "openai:gpt-4o-mini", "hi"],
                                       environment: Self.environment(server))
        #expect(result.status == 6, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("total timeout: 0.6 s passed"), "\(result.stderr)")
        #expect(result.stderr.contains("raise it with --timeout"))
    }

    @Test func breakerOpensPerModelAndFailsFast() async throws {
        let server = try Self.start()
        defer { server.stop() }
        server.setDefaultFault(.http(503))
        let env = Self.environment(server)
        // Two models on the same endpoint: each has its own circuit, so the second is still tried.
        let result = try await CLIRunner.run(["ask", "--retries", "5", "--breaker-threshold", "2", "--breaker-cooldown", "30",
                                        "--json", "-m", "openai:gpt-4o-mini", "-m", "openai:gpt-4o", "hi"],
                                       environment: env)
        #expect(result.status == 5, "stderr: \(result.stderr)")
        #expect(Self.chats(server) == 4)
        #expect(result.stderr.contains("llmctl: openai:gpt-4o-mini circuit open after 2 consecutive failures; retrying after "), "\(result.stderr)")
        #expect(result.stderr.contains("llmctl: openai:gpt-4o circuit open after 2 consecutive failures"), "\(result.stderr)")
        #expect(result.stderr.contains("(in 30 s)"))
        let object = try Self.json(result.stdout)
        let attempts = try #require(object["attempts"] as? [[String: Any]])
        #expect(attempts.map { $0["outcome"] as? String } == Array(repeating: "HTTP 503: overloaded", count: 4))

        // The next process: the open circuit fails fast without a request and says how to bypass it;
        // a third model on the same endpoint is not blocked.
        let fast = try await CLIRunner.run(["ask", "--json", "-m", "openai:gpt-4o-mini", "hi"], environment: env)
        #expect(fast.status == 6, "stderr: \(fast.stderr)")
        #expect(fast.stderr.contains("--no-breaker (or breaker_threshold = 0 in [network])"), "\(fast.stderr)")
        let error = try #require(try Self.json(fast.stdout)["error"] as? [String: Any])
        #expect(error["kind"] as? String == "circuit_open")
        #expect(Self.chats(server) == 4)
        server.setDefaultFault(nil)
        let other = try await CLIRunner.run(["ask", "-m", "openai:gpt-4.1", "hi"], environment: env)
        #expect(other.status == 0, "stderr: \(other.stderr)")
        #expect(Self.chats(server) == 5)
        // --no-breaker and breaker_threshold = 0 go through the open circuit.
        let bypass = try await CLIRunner.run(["ask", "--no-breaker", "-m", "openai:gpt-4o-mini", "hi"], environment: env)
        #expect(bypass.status == 0, "stderr: \(bypass.stderr)")
        #expect(Self.chats(server) == 6)
    }

    /// A 429 is back-pressure: however many, it never opens the circuit.
    @Test func rateLimitsNeverOpenTheCircuit() async throws {
        let server = try Self.start()
        defer { server.stop() }
        server.setDefaultFault(.http(429))
        let env = Self.environment(server)
        for _ in 0..<3 {
            let limited = try await CLIRunner.run(["ask", "--retries", "1", "--max-retry-wait", "0.1", "--breaker-threshold", "2",
                                                   "-m", "openai:gpt-4o-mini", "hi"], environment: env)
            #expect(limited.status == 5, "stderr: \(limited.stderr)")
            #expect(!limited.stderr.contains("circuit open"), "\(limited.stderr)")
        }
        #expect(Self.chats(server) == 6)
    }

    @Test func breakerStateOutlivesTheProcessAndShowsInModels() async throws {
        let server = try Self.start()
        defer { server.stop() }
        server.setDefaultFault(.http(503))
        let env = Self.environment(server)   // one HOME, so one state directory, for every run below
        let ask = ["ask", "--retries", "0", "--breaker-threshold", "2", "--breaker-cooldown", "30",
                   "-m", "openai:gpt-4o-mini", "hi"]
        // Two separate runs, one failure each: together they open the circuit.
        for _ in 0..<2 {
            let failed = try await CLIRunner.run(ask, environment: env)
            #expect(failed.status == 5, "stderr: \(failed.stderr)")
        }
        #expect(Self.chats(server) == 2)
        let fast = try await CLIRunner.run(ask, environment: env)
        #expect(fast.status == 6, "stderr: \(fast.stderr)")
        #expect(fast.stderr.contains("openai:gpt-4o-mini circuit open after 2 consecutive failures; retrying after"), "\(fast.stderr)")
        #expect(Self.chats(server) == 2, "the open circuit failed fast without a request")

        let models = try await CLIRunner.run(["models", "--json"], environment: env)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(models.stdout.utf8)) as? [[String: Any]])
        let openai = try #require(rows.first { $0["name"] as? String == "openai" })
        #expect((openai["circuit"] as? String)?.hasPrefix("gpt-4o-mini open until ") == true, "\(openai)")
        let table = try await CLIRunner.run(["models"], environment: env)
        #expect(table.stdout.contains("circuit gpt-4o-mini open until"), "\(table.stdout)")

        // After the cooldown one probe goes; it succeeds and closes the circuit for the next process too.
        // The next process learns the time from the saved open-until, so moving that to now is the
        // cooldown having passed, without sleeping through it.
        server.setDefaultFault(nil)
        let stateFile = try #require(env["XDG_STATE_HOME"]) + "/llmctl/circuits.json"
        #expect(try Self.endSavedCooldowns(in: stateFile) == 1)
        let probe = try await CLIRunner.run(ask, environment: env)
        #expect(probe.status == 0, "stderr: \(probe.stderr)")
        let after = try await CLIRunner.run(["models", "--json"], environment: env)
        let rowsAfter = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [[String: Any]])
        #expect(rowsAfter.first { $0["name"] as? String == "openai" }?["circuit"] == nil)
        let saved = try String(contentsOfFile: stateFile, encoding: .utf8)
        #expect(!saved.contains(Self.key), "no secret in the state file")
    }

    /// Sets every open circuit in llmctl's saved breaker state to reopen now; returns how many were open.
    static func endSavedCooldowns(in stateFile: String) throws -> Int {
        let data = try Data(contentsOf: URL(fileURLWithPath: stateFile))
        var records = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let now = ISO8601DateFormatter().string(from: Date())
        var open = 0
        for index in records.indices where records[index]["open_until"] is String {
            records[index]["open_until"] = now
            open += 1
        }
        try JSONSerialization.data(withJSONObject: records).write(to: URL(fileURLWithPath: stateFile))
        return open
    }

    @Test func fallbackAnswersFromTheSecondModel() async throws {
        let server = try Self.start()
        defer { server.stop() }
        // The mock answers 404 for models named missing…: not retried, so the next model is tried at once.
        let result = try await CLIRunner.run(["ask", "--json", "-m", "openai:missing-model", "-m", "offline:mock-1", "hi"],
                                       environment: Self.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try Self.json(result.stdout)
        #expect(object["provider"] as? String == "offline")
        #expect(object["model"] as? String == "offline:mock-1")
        let attempts = try #require(object["attempts"] as? [[String: Any]])
        #expect(attempts.map { $0["model"] as? String } == ["openai:missing-model", "offline:mock-1"])
        #expect(result.stderr.contains("llmctl: openai:missing-model failed (HTTP 404: not_found); answered by offline:mock-1"),
                "\(result.stderr)")
    }

    @Test func fallbackAfterRetriesAcrossTwoServers() async throws {
        let primary = try Self.start()
        let secondary = try Self.start(.init(replyText: "from the backup"))
        defer { primary.stop(); secondary.stop() }
        primary.setDefaultFault(.http(503))
        var env = Self.environment(primary)
        env["VLLM_BASE_URL"] = secondary.baseURL + "/v1"
        env["VLLM_API_KEY"] = "vllm-key-0123456789"
        let result = try await CLIRunner.run(["ask", "--retries", "1", "-m", "openai:gpt-4o-mini", "-m", "vllm:served-model", "hi"],
                                       environment: env)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "from the backup\n")
        #expect(Self.chats(primary) == 2)
        #expect(Self.chats(secondary) == 1)
        #expect(result.stderr.contains("openai:gpt-4o-mini failed (HTTP 503: overloaded); answered by vllm:served-model"), "\(result.stderr)")
    }

    @Test func badResilienceFlagsAreOneLineUsageErrors() async throws {
        for arguments in [["--retries", "99"], ["--idle-timeout=-1"], ["--timeout", "inf"]] {
            let result = try await CLIRunner.run(["ask"] + arguments + ["hi"], environment: CLIRunner.baseEnvironment())
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(String(arguments[0].prefix { $0 != "=" })))
        }
    }

    @Test func interruptDuringBackoffEndsAtOnce() async throws {
        let server = try Self.start()
        defer { server.stop() }
        server.enqueueFaults([.http(429, retryAfter: .seconds(20))])
        let child = try await RunningCLI(["ask", "-m", "openai:gpt-4o-mini", "hi"], environment: Self.environment(server))
        guard await RunningCLI.wait(timeout: 10, until: { Self.chats(server) >= 1 }) else {
            child.interrupt()
            Issue.record("llmctl never sent its request")
            return
        }
        try await Task.sleep(for: .milliseconds(300))
        let interrupted = Date()
        child.interrupt()
        let result = await child.finish()
        #expect(Date().timeIntervalSince(interrupted) < 2)
        #expect(result.status == 130, "stderr: \(result.stderr)")
        #expect(Self.chats(server) == 1)
    }
}
