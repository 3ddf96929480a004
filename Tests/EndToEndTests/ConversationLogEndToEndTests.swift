import ConversationLog
import Foundation
import LLMCore
import MockProviders
import Testing

/// The conversation log through the built binary: every exchange recorded, continued with -c, listed,
/// searched, summarised; never a key in the file; a broken log never costs the reply.
@Suite(.serialized) struct ConversationLogEndToEndTests {
    static let key = "sk-log-test-4f9a8b7c6d5e"

    func environment(_ server: MockServer) -> [String: String] {
        MockFixture.openAIEnvironment(server, key: Self.key)
    }

    func messages(of request: RecordedRequest) throws -> [(role: String, content: String)] {
        let body = try JSONValue.parse(request.body)
        return (body["messages"]?.array ?? []).map { ($0["role"]?.string ?? "", $0["content"]?.string ?? "") }
    }

    @Test func asksAreLoggedListedSearchedAndContinued() async throws {
        let server = try MockFixture.start(MockConfiguration(tokens: 4))
        defer { server.stop() }
        let env = environment(server)
        for prompt in ["first question about keepalive", "second about latency", "third about tokens"] {
            let r = try await CLIRunner.run(["ask", "-m", "openai:gpt-4o-mini", prompt], environment: env)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let listed = try await CLIRunner.run(["log", "--json", "-n", "3"], environment: env)
        #expect(listed.status == 0, "\(listed.stderr)")
        let lines = listed.stdout.split(separator: "\n").map { try? JSONValue.parse(String($0)) }
        #expect(lines.count == 3)
        #expect(lines.compactMap { $0?["prompt"]?.string } == ["first question about keepalive", "second about latency", "third about tokens"])
        for line in lines {
            #expect(line?["text"]?.string?.hasPrefix("Mock reply") == true)
            #expect(line?["timing"]?["ttft_ms"]?.double != nil)
            #expect(line?["connection"]?["http_version"]?.string != nil)
            #expect(line?["conversation_id"]?.string != nil)
            #expect(line?["command"]?.string == "ask")
        }
        let found = try await CLIRunner.run(["log", "search", "latency"], environment: env)
        #expect(found.stdout.contains("second about latency") && !found.stdout.contains("keepalive"))

        // -c sends the earlier turns of the latest conversation, and the reply joins it.
        let continued = try await CLIRunner.run(["ask", "-m", "openai:gpt-4o-mini", "-c", "and a follow-up"], environment: env)
        #expect(continued.status == 0, "\(continued.stderr)")
        let sent = try messages(of: try #require(server.recordedRequests.last))
        #expect(sent.map(\.role) == ["user", "assistant", "user"])
        #expect(sent.first?.content == "third about tokens")
        #expect(sent.last?.content == "and a follow-up")
        let conversations = try await CLIRunner.run(["log", "conversations", "--json"], environment: env)
        let newest = try JSONValue.parse(String(conversations.stdout.split(separator: "\n")[0]))
        #expect(newest["exchanges"]?.int == 2)
        #expect(newest["first_prompt"]?.string == "third about tokens")

        // The file is private and holds no key.
        let path = try await CLIRunner.run(["log", "path"], environment: env).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        for file in [path, path + "-wal", path + "-shm"] {
            guard let bytes = FileManager.default.contents(atPath: file) else { continue }
            #expect(bytes.range(of: Data(Self.key.utf8)) == nil, "the key is in \(file)")
        }
    }

    @Test func optionsInTheWrongPlaceAreUsageErrors() async throws {
        let env = CLIRunner.baseEnvironment()
        let before = try await CLIRunner.run(["-c", "ask", "hi"], environment: env)
        #expect(before.status == 2)
        #expect(before.stderr.contains("'-c' is given before 'ask'; options go after the command name: llmctl ask -c …"))
        let wrong = try await CLIRunner.run(["batch", "--session", "x", "in.jsonl"], environment: env)
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("'--session' is not an option of batch"))
        let nothing = try await CLIRunner.run(["ask", "-c", "hi"], environment: env)
        #expect(nothing.status == 2)
        #expect(nothing.stderr.contains("nothing to continue"))
    }

    @Test func namedSessionsContinueAcrossAsks() async throws {
        let server = try MockFixture.start(MockConfiguration(tokens: 3))
        defer { server.stop() }
        let env = environment(server)
        _ = try await CLIRunner.run(["ask", "--session", "work", "remember 42"], environment: env)
        _ = try await CLIRunner.run(["ask", "other conversation"], environment: env)
        let second = try await CLIRunner.run(["ask", "--session", "work", "what number?"], environment: env)
        #expect(second.status == 0, "\(second.stderr)")
        let sent = try messages(of: try #require(server.recordedRequests.last))
        #expect(sent.map(\.content).first == "remember 42")
        #expect(sent.count == 3)
    }

    /// Session files of llmctl before the log come into it once, by name (`_last` without one), and
    /// are left in place; a conversation continued from one sends its turns.
    @Test func oldSessionFilesAreImportedOnce() async throws {
        let server = try MockFixture.start(MockConfiguration(tokens: 3))
        defer { server.stop() }
        let env = environment(server)
        let folder = try #require(env["XDG_STATE_HOME"]) + "/llmctl/sessions"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let old = #"""
            {"version": 1, "model": "openai:gpt-4o-mini", "system": "be brief", "saved_at": "2026-11-01T10:00:00Z",
             "messages": [{"role": "user", "content": "remember the number 42"},
                          {"role": "assistant", "content": "I will remember 42.", "model": "openai:gpt-4o-mini"}]}
            """#
        try old.write(toFile: folder + "/work.json", atomically: true, encoding: .utf8)
        try old.replacingOccurrences(of: "42", with: "7").write(toFile: folder + "/_last.json", atomically: true, encoding: .utf8)

        let listed = try await CLIRunner.run(["log", "conversations", "--json"], environment: env)
        #expect(listed.status == 0, "\(listed.stderr)")
        let conversations = listed.stdout.split(separator: "\n").compactMap { try? JSONValue.parse(String($0)) }
        #expect(conversations.count == 2, "\(listed.stdout)")
        #expect(conversations.compactMap { $0["name"]?.string } == ["work"])

        let asked = try await CLIRunner.run(["ask", "--session", "work", "what was the number?"], environment: env)
        #expect(asked.status == 0, "\(asked.stderr)")
        let sent = try messages(of: try #require(server.recordedRequests.last))
        #expect(sent.map(\.content) == ["be brief", "remember the number 42", "I will remember 42.", "what was the number?"])

        // Imported once: a second look finds the same two conversations, and the files are still there.
        let again = try await CLIRunner.run(["log", "conversations", "--json"], environment: env)
        #expect(again.stdout.split(separator: "\n").count == 2)
        #expect(FileManager.default.fileExists(atPath: folder + "/work.json"))
    }

    /// `batch` logs only with `--log`, each item as its own exchange.
    @Test func batchLogsOnlyWithTheFlag() async throws {
        let server = try MockFixture.start(MockConfiguration(tokens: 3))
        defer { server.stop() }
        let env = environment(server)
        let input = try #require(env["HOME"]) + "/in.jsonl"
        try FileManager.default.createDirectory(atPath: try #require(env["HOME"]), withIntermediateDirectories: true)
        try (#"{"id": 1, "prompt": "alpha"}"# + "\n" + #"{"id": 2, "prompt": "beta"}"# + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let plain = try await CLIRunner.run(["batch", input], environment: env)
        #expect(plain.status == 0, "\(plain.stderr)")
        let none = try await CLIRunner.run(["log", "--json"], environment: env)
        #expect(none.stdout.isEmpty, "batch without --log wrote: \(none.stdout)")
        let logged = try await CLIRunner.run(["batch", "--log", input], environment: env)
        #expect(logged.status == 0, "\(logged.stderr)")
        let lines = try await CLIRunner.run(["log", "--json"], environment: env).stdout
            .split(separator: "\n").map { try JSONValue.parse(String($0)) }
        #expect(lines.map { $0["command"]?.string } == ["batch", "batch"])
        #expect(Set(lines.compactMap { $0["prompt"]?.string }) == ["alpha", "beta"])
        #expect(Set(lines.compactMap { $0["conversation_id"]?.string }).count == 2)
    }

    /// `log stats` through the binary over a known set of rows: nearest-rank percentiles per model,
    /// reuse share, errors by kind, and the --model and --since filters.
    @Test func logStatsOverKnownRows() async throws {
        let env = CLIRunner.baseEnvironment()
        let log = try ConversationLog(path: try #require(env["XDG_DATA_HOME"]) + "/llmctl/logs.db")
        func row(_ n: Int, model: String, ttft: Double, total: Double, reused: Bool, error: String? = nil,
                 at date: Date = Date()) -> LogEntry {
            let stats = RequestStats(provider: "openai", model: model, ttftMs: ttft, totalMs: total, outputTokens: 5,
                                     tokensPerSecond: 10, connection: ConnectionStats(reused: reused, httpVersion: "2"))
            return LogEntry(conversationID: "c\(n)", command: "ask", createdAt: date, model: model, provider: "openai",
                            system: nil, prompt: "p\(n)", request: [ChatMessage(role: .user, content: "p\(n)")],
                            reply: error == nil ? ChatMessage(role: .assistant, content: "r") : nil, stats: stats,
                            errorKind: error, errorMessage: error, result: "{}")
        }
        for i in 1...20 {
            try log.record(row(i, model: "openai:gpt-4o-mini", ttft: Double(i * 10), total: Double(i * 100), reused: i % 4 != 0))
        }
        try log.record(row(21, model: "openai:gpt-4o-mini", ttft: 0, total: 0, reused: false, error: "rate_limited"))
        try log.record(row(22, model: "anthropic:claude-x", ttft: 7, total: 70, reused: true, at: Date().addingTimeInterval(-3 * 86400)))

        let result = try await CLIRunner.run(["log", "stats", "--json"], environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        let all = try JSONValue.parse(result.stdout).array ?? []
        let openai = try #require(all.first { $0["model"]?.string == "openai:gpt-4o-mini" })
        #expect(openai["count"]?.int == 21)
        #expect(openai["ttft_p50_ms"]?.double == 100)
        #expect(openai["ttft_p95_ms"]?.double == 190)
        #expect(openai["total_p50_ms"]?.double == 1000)
        #expect(openai["total_p95_ms"]?.double == 1900)
        #expect(openai["errors"]?["rate_limited"]?.int == 1)
        #expect(openai["reuse_percent"]?.double.map { ($0 * 10).rounded() / 10 } == 71.4)  // 15 of 21 reused
        let recent = try await CLIRunner.run(["log", "stats", "--json", "--since", "1d"], environment: env)
        #expect((try JSONValue.parse(recent.stdout).array ?? []).compactMap { $0["model"]?.string } == ["openai:gpt-4o-mini"])
        let table = try await CLIRunner.run(["log", "stats", "--model", "anthropic:claude-x"], environment: env)
        #expect(table.stdout.contains("anthropic:claude-x") && !table.stdout.contains("gpt-4o-mini"), "\(table.stdout)")
    }

    @Test func noLogAndTheOptOutsWriteNothing() async throws {
        let server = try MockFixture.start(MockConfiguration(tokens: 2))
        defer { server.stop() }
        var env = environment(server)
        _ = try await CLIRunner.run(["ask", "--no-log", "one"], environment: env)
        env["LLMCTL_LOG"] = "0"
        _ = try await CLIRunner.run(["ask", "two"], environment: env)
        let path = try await CLIRunner.run(["log", "path"], environment: env).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aBrokenLogNeverCostsTheReply() async throws {
        let server = try MockFixture.start(MockConfiguration(tokens: 2))
        defer { server.stop() }
        let env = environment(server)
        let path = try await CLIRunner.run(["log", "path"], environment: env).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(repeating: 0x5A, count: 4096).write(to: URL(fileURLWithPath: path))
        let r = try await CLIRunner.run(["ask", "still answers"], environment: env)
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("Mock reply"))
        #expect(r.stderr.components(separatedBy: "warning: not logged").count == 2)
        #expect(r.stderr.contains("not a valid llmctl log"))
    }

    @Test func twoAsksAtOnceAreBothLogged() async throws {
        let server = try MockFixture.start(MockConfiguration(tokens: 3))
        defer { server.stop() }
        let env = environment(server)
        async let a = CLIRunner.run(["ask", "alpha"], environment: env)
        async let b = CLIRunner.run(["ask", "beta"], environment: env)
        let (ra, rb) = try await (a, b)
        #expect(ra.status == 0 && rb.status == 0)
        let listed = try await CLIRunner.run(["log", "--json"], environment: env)
        #expect(Set(listed.stdout.split(separator: "\n").compactMap { try? JSONValue.parse(String($0))["prompt"]?.string }) == ["alpha", "beta"])
    }
}
