import Foundation
import LLMClient
import LLMCore
import Testing
@testable import LLMCommands

/// Tool definitions from files and config, tool commands, and the loop that runs them.
struct ToolTests {
    func temporaryFile(_ text: String, name: String = "tool.json") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("llmctl-tools-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func definitionFilesHoldOneOrAnArray() throws {
        let one = try temporaryFile(#"{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}"#)
        let specs = try ToolCatalog.resolve([one], modelTools: [], config: LLMConfig())
        #expect(specs.map(\.name) == ["get_weather"])
        #expect(specs[0].definition.parameters["properties"]?["city"]?["type"]?.string == "string")
        #expect(specs[0].command == nil)
        let many = try temporaryFile(#"[{"name":"a"},{"type":"function","function":{"name":"b","command":["/bin/echo"]}}]"#)
        let both = try ToolCatalog.resolve([many], modelTools: [], config: LLMConfig())
        #expect(both.map(\.name) == ["a", "b"])
        #expect(both[1].command == ["/bin/echo"])
        #expect(both[0].definition.parameters == .object(["type": .string("object"), "properties": .object([])]))
    }

    @Test func badDefinitionsSayWhatToFix() throws {
        func problem(_ json: String) throws -> String {
            let path = try temporaryFile(json)
            do { _ = try ToolCatalog.resolve([path], modelTools: [], config: LLMConfig()); return "" } catch { return "\(error)" }
        }
        #expect(try problem(#"{"name":"bad name"}"#).contains("'name' must be letters"))
        #expect(try problem(#"{"name":"a","parameters":[]}"#).contains("'parameters' must be a JSON Schema object"))
        #expect(try problem(#"{"name":"a","shell":"x"}"#).contains("unknown key 'shell'"))
        #expect(try problem("{").contains("not valid JSON"))
        #expect(try problem(#"[{"name":"a"},{"name":"a"}]"#).contains("offered twice"))
        do {
            _ = try ToolCatalog.resolve(["nothing_here"], modelTools: [], config: LLMConfig())
            Issue.record("an unknown tool name must fail")
        } catch {
            #expect("\(error)".contains("no such file and no [tools.nothing_here]"))
        }
    }

    @Test func configuredToolsReadTheirSchemaFileBesideTheConfig() throws {
        let schema = try temporaryFile(#"{"type":"object","properties":{"q":{"type":"string"}}}"#, name: "lookup.json")
        let configPath = (schema as NSString).deletingLastPathComponent + "/config.toml"
        let config = LLMConfig(path: configPath, models: ["openai:gpt-4o": ModelDefaults(tools: ["lookup"])],
                               tools: ["lookup": ToolConfig(name: "lookup", parameters: .file("lookup.json"), command: ["/bin/cat"], confirm: false)])
        let specs = try ToolCatalog.resolve([], modelTools: ["lookup"], config: config)
        #expect(specs.first?.definition.parameters["properties"]?["q"] != nil)
        #expect(specs.first?.confirm == false)
    }

    @Test func commandsGetArgumentsOnStdinAndFailuresAreErrorResults() async throws {
        let env = ["PATH": "/usr/bin:/bin"]
        let echo = await ToolCommandRunner.run(argv: ["/bin/cat"], arguments: #"{"city":"Paris"}"#, timeout: 10, environment: env)
        #expect(echo == .init(content: #"{"city":"Paris"}"#, isError: false, truncated: false))
        let failing = await ToolCommandRunner.run(argv: ["/bin/sh", "-c", "echo nope >&2; exit 3"], arguments: "{}", timeout: 10, environment: env)
        #expect(failing.isError)
        #expect(failing.content == "sh exited with status 3: nope")
        let slow = await ToolCommandRunner.run(argv: ["sleep", "30"], arguments: "{}", timeout: 0.3, environment: env)
        #expect(slow.isError && slow.content.contains("did not finish within 0.3 s"))
        let missing = await ToolCommandRunner.run(argv: ["/nonexistent/tool"], arguments: "{}", timeout: 5, environment: env)
        #expect(missing.isError && missing.content.contains("could not be started"))
        // A tool that never reads stdin must not break llmctl (no SIGPIPE).
        let ignoring = await ToolCommandRunner.run(argv: ["/bin/echo", "hi"], arguments: String(repeating: "x", count: 200_000),
                                                   timeout: 10, environment: env)
        #expect(ignoring == .init(content: "hi\n", isError: false, truncated: false))
        let big = await ToolCommandRunner.run(argv: ["/bin/sh", "-c", "head -c 1100000 /dev/zero | tr '\\\\0' a"], arguments: "{}",
                                              timeout: 20, environment: env)
        #expect(big.truncated && big.content.hasSuffix("[output cut at 1048576 bytes]"))
    }

    @Test func loopRunsToolsUntilTheModelAnswers() async throws {
        let tool = ToolSpec(definition: ToolDefinition(name: "echo_args"), command: ["/bin/cat"], confirm: false)
        let loop = ToolLoop(tools: [tool], environment: ["PATH": "/usr/bin:/bin"])
        let request = ChatRequest(model: ModelRef(provider: "openai", model: "m"), messages: [ChatMessage(role: .user, content: "go")])
        let sent = Sent()
        let outcome = try await loop.run(request) { request in
            sent.append(request)
            if request.messages.last?.role == .tool {
                return Self.result([.text("done: " + (request.messages.last?.toolResults.first?.content ?? ""))])
            }
            return Self.result([.toolCall(ToolCall(id: "c1", name: "echo_args", arguments: #"{"x":1}"#))])
        }
        #expect(outcome.rounds == 1)
        #expect(outcome.result.text == #"done: {"x":1}"#)
        #expect(outcome.unanswered.isEmpty)
        let second = try #require(sent.requests.last)
        #expect(second.tools.map(\.name) == ["echo_args"])
        #expect(second.messages.map(\.role) == [.user, .assistant, .tool])
        #expect(second.messages[2].toolResults == [ToolResult(callID: "c1", name: "echo_args", content: #"{"x":1}"#)])
    }

    @Test func callsWithoutACommandAreHandedBack() async throws {
        let loop = ToolLoop(tools: [ToolSpec(definition: ToolDefinition(name: "get_weather"))], environment: [:])
        let request = ChatRequest(model: ModelRef(provider: "openai", model: "m"), messages: [ChatMessage(role: .user, content: "go")])
        let outcome = try await loop.run(request) { _ in
            Self.result([.toolCall(ToolCall(id: "c1", name: "get_weather", arguments: #"{"city":"Paris"}"#))])
        }
        #expect(outcome.rounds == 0)
        #expect(outcome.unanswered.map(\.name) == ["get_weather"])
        #expect(outcome.stopReason?.contains("has no command") == true)
    }

    @Test func roundLimitAndDeclinedRuns() async throws {
        let tool = ToolSpec(definition: ToolDefinition(name: "t"), command: ["/bin/cat"], confirm: true)
        let loop = ToolLoop(tools: [tool], maxRounds: 2, environment: [:])
        let request = ChatRequest(model: ModelRef(provider: "openai", model: "m"), messages: [ChatMessage(role: .user, content: "go")])
        let sent = Sent()
        let outcome = try await loop.run(request) { request in
            sent.append(request)
            return Self.result([.toolCall(ToolCall(id: "c\(request.messages.count)", name: "t", arguments: "{}"))])
        } approve: { _, _ in .decline }
        #expect(outcome.rounds == 2)
        #expect(outcome.stopReason?.contains("stopped after 2 tool rounds") == true)
        #expect(sent.requests.last?.messages.last?.toolResults.first == ToolResult(callID: "c3", name: "t", content: "the user declined to run t", isError: true))
    }

    static func result(_ parts: [ContentPart]) -> ChatResult {
        ChatResult(message: ChatMessage(role: .assistant, parts: parts), stats: RequestStats(provider: "openai", model: "m"),
                   model: ModelRef(provider: "openai", model: "m"))
    }
}

/// Requests a fake `send` saw.
final class Sent: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [ChatRequest] = []
    func append(_ request: ChatRequest) { lock.withLock { list.append(request) } }
    var requests: [ChatRequest] { lock.withLock { list } }
}
