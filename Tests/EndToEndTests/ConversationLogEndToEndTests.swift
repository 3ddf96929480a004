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
