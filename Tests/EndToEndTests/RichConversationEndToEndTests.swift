import Foundation
import LLMCore
import MockProviders
import Testing

/// Tools, reasoning, images and the usage breakdown through the built binary, for every provider,
/// against MockProviders speaking each provider's own wire format over loopback HTTP.
struct RichConversationEndToEndTests {
    static let providers = RichProvider.allCases

    func toolFile(_ json: String) throws -> String {
        let dir = NSTemporaryDirectory() + "llmctl-rich-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/tool.json"
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A local tool command (it prints `sunny in ` and its JSON arguments) is run for the model's call;
    /// the second request carries the call and its result back, and the final answer quotes it.
    @Test(arguments: providers)
    func aToolRoundTripQuotesTheToolsOutput(_ provider: RichProvider) async throws {
        let server = try E2E.start()
        defer { server.stop() }
        let tool = try toolFile(#"{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}},"command":["/bin/sh","-c","printf 'sunny in '; cat"],"confirm":false}"#)
        let result = try await E2E.run(["ask", "--json", "--tool", tool, "-m", provider.model, "weather in Paris?"],
                                       provider.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try JSONValue.parse(result.stdout)
        #expect(object["text"]?.string == #"Tool get_weather returned: sunny in {"city":"Paris"}"#, "\(result.stdout)")
        #expect(object["tool_rounds"]?.int == 1)
        #expect(provider.chatRequests(server).count == 2)
    }

    /// With reasoning on, the model reasons before its call; the next turn must send that reasoning (and
    /// its signature, where the provider signs it) back, or the mock refuses it as the provider would.
    @Test(arguments: providers)
    func aToolRoundTripWithReasoningSendsTheSignatureBack(_ provider: RichProvider) async throws {
        let server = try E2E.start()
        defer { server.stop() }
        let tool = try toolFile(#"{"name":"get_weather","parameters":{"type":"object"},"command":["/bin/echo","18C"],"confirm":false}"#)
        let result = try await E2E.run(["ask", "--json", "--reasoning", "low", "--tool", tool, "-m", provider.model, "weather?"],
                                       provider.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try JSONValue.parse(result.stdout)
        #expect(object["text"]?.string == "Tool get_weather returned: 18C\n", "\(result.stdout)")
        #expect(provider.chatRequests(server).count == 2)
    }

    /// A tool without a command: the call is handed back (stderr in a pipe, `tool_calls` in --json), exit 0.
    @Test(arguments: providers)
    func aToolWithoutACommandIsHandedBack(_ provider: RichProvider) async throws {
        let server = try E2E.start()
        defer { server.stop() }
        let tool = try toolFile(#"{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}"#)
        let env = provider.environment(server)
        for stream in [true, false] {
            let json = try await E2E.run(["ask", "--json", "--tool", tool, "-m", provider.model] + (stream ? [] : ["--no-stream"]) + ["weather?"], env)
            #expect(json.status == 0, "stderr: \(json.stderr)")
            let object = try JSONValue.parse(json.stdout)
            #expect(object["finish_reason"]?.string == provider.toolFinish, "\(json.stdout)")
            #expect(object["tool_calls"]?[0]?["name"]?.string == "get_weather", "\(json.stdout)")
            #expect(object["tool_calls"]?[0]?["arguments"]?["city"]?.string == "Paris", "\(json.stdout)")
            #expect(object["tool_calls"]?[0]?["id"]?.string?.isEmpty == false)
        }
        let plain = try await E2E.run(["ask", "--tool", tool, "-m", provider.model, "weather?"], env)
        #expect(plain.status == 0)
        #expect(plain.stdout.isEmpty)
        #expect(plain.stderr.contains(#"→ get_weather {"city":"Paris"}"#), "\(plain.stderr)")
    }

    /// `--reasoning medium`: reasoning stays out of the pipe, goes to stderr with --show-reasoning, and
    /// is whole in --json (streamed or not); the provider got its own reasoning knob.
    @Test(arguments: providers)
    func reasoningIsHiddenInAPipeShownOnRequestAndInJSON(_ provider: RichProvider) async throws {
        let server = try E2E.start()
        defer { server.stop() }
        let env = provider.environment(server)
        let plain = try await E2E.run(["ask", "--reasoning", "medium", "-m", provider.model, "question"], env)
        #expect(plain.status == 0, "stderr: \(plain.stderr)")
        #expect(plain.stdout == "Answer after reasoning.\n")
        #expect(!plain.stderr.contains("step by step"))
        let shown = try await E2E.run(["ask", "--reasoning", "medium", "--show-reasoning", "-m", provider.model, "question"], env)
        #expect(shown.stdout == "Answer after reasoning.\n")
        #expect(shown.stderr.contains("Let me think this through step by step."), "\(shown.stderr)")
        for stream in [true, false] {
            let result = try await E2E.run(["ask", "--json", "--reasoning", "medium", "-m", provider.model] + (stream ? [] : ["--no-stream"]) + ["question"], env)
            let json = try JSONValue.parse(result.stdout)
            #expect(json["reasoning"]?.string == "Let me think this through step by step.", "\(result.stdout)")
            #expect(json["text"]?.string == "Answer after reasoning.")
        }
        let body = try JSONValue.parse(try #require(provider.chatRequests(server).last).body)
        #expect(provider.reasoningKnob(body) != nil, "no reasoning setting in \(body.jsonText())")
    }

    /// Reasoning for 6 s before any answer text, with a 2 s first-token timeout: reasoning is progress,
    /// so the reply succeeds with one request and reports when the answer's first text came.
    @Test(arguments: providers)
    func aLongReasoningPhaseIsProgressNotATimeout(_ provider: RichProvider) async throws {
        var configuration = MockConfiguration(tokenDelay: .milliseconds(1500))
        configuration.reasoningText = "one two three four"
        let server = try E2E.start(configuration)
        defer { server.stop() }
        let result = try await E2E.run(["ask", "--json", "--first-token-timeout", "2", "-m", provider.model, "question"],
                                       provider.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let json = try JSONValue.parse(result.stdout)
        #expect(json["text"]?.string == "Answer after reasoning.")
        #expect(provider.chatRequests(server).count == 1)
        let firstText = try #require(json["timing"]?["first_text_ms"]?.double)
        let firstToken = try #require(json["timing"]?["ttft_ms"]?.double)
        #expect(firstText > 6000 && firstToken < 2000, "\(result.stdout)")
    }

    /// An attached image reaches the server intact: the mock answers with the bytes' sha256.
    @Test(arguments: providers)
    func anAttachedImageArrivesIntact(_ provider: RichProvider) async throws {
        let server = try E2E.start()
        defer { server.stop() }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = NSTemporaryDirectory() + "llmctl-rich-\(UUID().uuidString).dat"
        try Data(png).write(to: URL(fileURLWithPath: path))
        let result = try await E2E.run(["ask", "-a", path, "-m", provider.model, "what is this?"], provider.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let digest = try await CLIRunner.run(shell: "sha256sum '\(path)' | cut -d' ' -f1").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(result.stdout == "Image 1: image/png, \(png.count) bytes, sha256 \(digest).\n")
    }
}

extension RichConversationEndToEndTests {
    /// Cache reads and writes and reasoning tokens, mapped as the man page says: input counts the
    /// cached prompt, output counts reasoning; the breakdown fields say how much of each.
    @Test(arguments: providers)
    func theUsageBreakdownFollowsTheProvidersFields(_ provider: RichProvider) async throws {
        var configuration = MockConfiguration()
        configuration.cacheRead = 100
        configuration.cacheWrite = 20
        let server = try E2E.start(configuration)
        defer { server.stop() }
        for stream in [true, false] {
            let result = try await E2E.run(["ask", "--json", "--reasoning", "medium", "-m", provider.model] + (stream ? [] : ["--no-stream"]) + ["question"],
                                           provider.environment(server))
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let usage = try #require(try JSONValue.parse(result.stdout)["usage"])
            let expected = provider.expectedUsage(reasoning: 8, answer: 3)
            for (key, value) in expected {
                #expect(usage[key]?.int == value, "\(key) in \(usage.jsonText())")
            }
        }
    }
}

extension RichProvider {
    /// The usage `ask --json` reports for a reply of `reasoning` + `answer` tokens when the mock reports
    /// 10 fresh prompt tokens, 100 read from the cache and 20 written to it (where the provider has them).
    func expectedUsage(reasoning: Int, answer: Int) -> [String: Int?] {
        let output = reasoning + answer
        switch self {
        case .openAI, .azure, .gemini:
            return ["input_tokens": 110, "output_tokens": output, "total_tokens": 110 + output,
                    "cached_input_tokens": 100, "cache_write_tokens": nil, "reasoning_tokens": reasoning]
        case .anthropic, .bedrock:
            return ["input_tokens": 130, "output_tokens": output, "total_tokens": 130 + output,
                    "cached_input_tokens": 100, "cache_write_tokens": 20, "reasoning_tokens": nil]
        case .ollama:
            return ["input_tokens": 10, "output_tokens": output, "total_tokens": 10 + output,
                    "cached_input_tokens": nil, "cache_write_tokens": nil, "reasoning_tokens": nil]
        }
    }

    /// The provider's own reasoning setting in a request body, nil when there is none.
    func reasoningKnob(_ body: JSONValue) -> JSONValue? {
        switch self {
        case .openAI, .azure: body["reasoning_effort"]
        case .anthropic: body["thinking"]?["budget_tokens"]
        case .gemini: body["generationConfig"]?["thinkingConfig"]?["thinkingBudget"]
        case .bedrock: body["additionalModelRequestFields"]?["thinking"]?["budget_tokens"]
        case .ollama: body["think"]
        }
    }
}
