import Foundation
import LLMCore
import MockProviders
import Testing

/// Tools through the built binary against the OpenAI dialect: a local tool command whose result the
/// final answer quotes, and a tool without a command whose call is handed back in --json.
struct ToolEndToEndTests {
    static let key = "sk-tools-e2e-0123456789"

    func toolFile(_ json: String) throws -> String {
        let dir = NSTemporaryDirectory() + "llmctl-tools-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/tool.json"
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aToolRoundTripQuotesTheToolsOutput() async throws {
        let server = try MockFixture.start()
        defer { server.stop() }
        // The command reads the JSON arguments on stdin and answers with them.
        let tool = try toolFile(#"{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}},"command":["/bin/sh","-c","printf 'sunny in '; cat"],"confirm":false}"#)
        let result = try await CLIRunner.run(["ask", "--json", "--tool", tool, "-m", "openai:gpt-4o-mini", "weather in Paris?"],
                                             environment: MockFixture.openAIEnvironment(server, key: Self.key))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try JSONValue.parse(result.stdout)
        #expect(object["text"]?.string == #"Tool get_weather returned: sunny in {"city":"Paris"}"#)
        #expect(object["tool_rounds"]?.int == 1)
        #expect(object["tool_calls"]?.array?.isEmpty == true)
        let requests = server.recordedRequests.filter { $0.path.hasSuffix("/chat/completions") }
        #expect(requests.count == 2)
        let second = try JSONValue.parse(try #require(requests.last).body)
        #expect(second["messages"]?[1]?["tool_calls"]?[0]?["function"]?["name"]?.string == "get_weather")
        #expect(second["messages"]?[2]?["role"]?.string == "tool")
        #expect(second["tools"]?[0]?["function"]?["name"]?.string == "get_weather")
    }

    @Test func aToolWithoutACommandIsHandedBack() async throws {
        let server = try MockFixture.start()
        defer { server.stop() }
        let tool = try toolFile(#"{"name":"get_weather","parameters":{"type":"object"}}"#)
        let env = MockFixture.openAIEnvironment(server, key: Self.key)
        let json = try await CLIRunner.run(["ask", "--json", "--tool", tool, "weather?"], environment: env)
        #expect(json.status == 0, "stderr: \(json.stderr)")
        let object = try JSONValue.parse(json.stdout)
        #expect(object["finish_reason"]?.string == "tool_calls")
        #expect(object["tool_calls"]?[0]?["name"]?.string == "get_weather")
        #expect(object["tool_calls"]?[0]?["arguments"]?["city"]?.string == "Paris")
        // In a pipe the call is a line on stderr; stdout (the answer) stays empty.
        let plain = try await CLIRunner.run(["ask", "--tool", tool, "weather?"], environment: env)
        #expect(plain.status == 0)
        #expect(plain.stdout.isEmpty)
        #expect(plain.stderr.contains(#"→ get_weather {"city":"Paris"}"#), "\(plain.stderr)")
        #expect(plain.stderr.contains("has no command to run it"))
    }
}

/// A model that reasons unasked (DeepSeek's `reasoning_content`): hidden in a pipe, on stderr with
/// --show-reasoning, whole in --json.
struct ReasoningEndToEndTests {
    @Test func reasoningStaysOutOfThePipeButIsInJSON() async throws {
        var configuration = MockConfiguration()
        configuration.reasoningText = "First I think about it carefully."
        let server = try MockFixture.start(configuration)
        defer { server.stop() }
        let env = MockFixture.openAIEnvironment(server, key: ToolEndToEndTests.key)
        let plain = try await CLIRunner.run(["ask", "question"], environment: env)
        #expect(plain.status == 0, "stderr: \(plain.stderr)")
        #expect(plain.stdout == "Answer after reasoning.\n")
        #expect(!plain.stderr.contains("carefully"))
        let shown = try await CLIRunner.run(["ask", "--show-reasoning", "question"], environment: env)
        #expect(shown.stdout == "Answer after reasoning.\n")
        #expect(shown.stderr.contains("First I think about it carefully."), "\(shown.stderr)")
        let json = try JSONValue.parse(try await CLIRunner.run(["ask", "--json", "question"], environment: env).stdout)
        #expect(json["reasoning"]?.string == "First I think about it carefully.")
        #expect(json["text"]?.string == "Answer after reasoning.")
        #expect(json["timing"]?["first_text_ms"]?.double != nil)
        let whole = try JSONValue.parse(try await CLIRunner.run(["ask", "--json", "--no-stream", "question"], environment: env).stdout)
        #expect(whole["reasoning"]?.string == "First I think about it carefully.")
    }
}
