import Foundation
import LLMClient
import LLMCore
import MockProviders
import Testing
@testable import LLMCommands
import Terminal

/// `ask` run in-process (`AskCommand.execute` with a capturing sink) against a MockServer over
/// loopback: messages, fields and exit statuses, without spawning the binary.
@Suite(.serialized)
struct AskCommandTests {
    static let key = "sk-test-0123456789abcdef"

    static func server(_ configuration: MockConfiguration = .init()) throws -> MockServer {
        let server = try MockServer(configuration: configuration)
        try server.start()
        return server
    }

    static func environment(_ server: MockServer) -> [String: String] {
        ["OPENAI_API_KEY": key, "OPENAI_BASE_URL": server.baseURL + "/v1"]
    }

    static func ask(_ words: [String], model: String? = "openai:gpt-4o-mini", json: Bool = false, stats: Bool = false,
                    in test: TestContext) async -> LLMCore.ExitStatus {
        await AskCommand.execute(AskOptions(models: model.map { [$0] } ?? [], json: json, stats: stats, promptWords: words),
                                 context: test.context)
    }

    @Test func statsLineGoesToStderr() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let test = TestContext(environment: Self.environment(server))
        #expect(await Self.ask(["hi"], stats: true, in: test) == .success)
        #expect(test.stderr.contains("ttft"))
        #expect(test.stderr.contains("openai:gpt-4o-mini · "))
        #expect(!test.stdout.contains("ttft"))
    }

    @Test func rejectedKeyNamesTheVariableNotTheKey() async throws {
        let server = try Self.server(.init(acceptedKeys: ["sk-the-right-one"]))
        defer { server.stop() }
        let test = TestContext(environment: Self.environment(server))
        #expect(await Self.ask(["hi"], in: test) == .auth)
        #expect(test.stderr.contains("OPENAI_API_KEY"))
        #expect(!test.stderr.contains(Self.key))
        #expect(!test.stderr.contains("0123456789abcdef"))
        #expect(!test.stdout.contains(Self.key))
        #expect(test.stderr.split(separator: "\n").count == 1)
    }

    @Test func missingPromptIsAUsageError() async {
        let test = TestContext()
        #expect(await Self.ask([], in: test) == .usage)
        #expect(test.stderr == "llmctl: error: no prompt: pass it as arguments (llmctl ask \"…\") or pipe it on stdin\n")
    }

    @Test func unreachableServerIsANetworkError() async {
        let test = TestContext(environment: ["OPENAI_API_KEY": "sk-unused-123456", "OPENAI_BASE_URL": "http://127.0.0.1:1/v1"])
        #expect(await Self.ask(["hi"], in: test) == .network)
        #expect(test.stderr.contains("127.0.0.1:1"))
    }

    @Test func jsonOnFailureBeforeAnyRequestNamesTheModel() async throws {
        let test = TestContext()
        #expect(await Self.ask(["hi"], model: "nosuch:model", json: true, in: test) == .config)
        let object = try JSONValue.parse(test.stdout)
        #expect(object["model"]?.string == "nosuch:model")
        #expect(object["error"]?["kind"]?.string == "config")
        #expect(object["error"]?["exit_code"]?.int == 3)
    }

    @Test func offlineFallbackNamesEveryVariableThatSelectsADefault() async throws {
        let test = TestContext()
        #expect(await Self.ask(["hello"], model: nil, json: true, in: test) == .success)
        #expect(test.stderr.contains("offline model"))
        for variable in ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GOOGLE_API_KEY", "GEMINI_API_KEY",
                         "AWS_BEARER_TOKEN_BEDROCK", "AWS_ACCESS_KEY_ID"] {
            #expect(test.stderr.contains(variable), "\(variable) missing from: \(test.stderr)")
        }
        let object = try JSONValue.parse(test.stdout)
        #expect(object["provider"]?.string == "offline")
        #expect(object["text"]?.string?.isEmpty == false)
    }

    /// With only an Azure key the offline model answers, and the note says why: Azure needs a deployment.
    @Test func azureKeyAloneIsNotReportedAsMissingCredentials() async {
        let test = TestContext(environment: ["AZURE_OPENAI_API_KEY": "azure-key-0123456789"])
        #expect(await Self.ask(["hello"], model: nil, in: test) == .success)
        #expect(!test.stderr.contains("no provider credentials found"), "\(test.stderr)")
        #expect(test.stderr.contains("AZURE_OPENAI_API_KEY is set, but azure has no default model: name one with -m azure:"))
        #expect(!test.stderr.contains("azure-key-0123456789"))
    }

    @Test func googleAPIKeyAloneSelectsGemini() async throws {
        let resolver = TestContext(environment: ["GOOGLE_API_KEY": "g-0123456789"]).context.resolver
        #expect(try await resolver.resolve(nil).ref.description == "gemini:gemini-2.5-flash")
        let bedrock = TestContext(environment: ["AWS_BEARER_TOKEN_BEDROCK": "b-0123456789", "AWS_REGION": "us-east-1"])
        #expect(try await bedrock.context.resolver.resolve(nil).ref.provider == "bedrock")
    }

    /// A base URL that cannot work is a configuration error (exit 3) before anything is sent, from the
    /// environment and from the config file alike.
    @Test func impossiblePortIsAConfigurationError() async throws {
        let fromEnvironment = TestContext(environment: ["OPENAI_API_KEY": "k-0123456789", "OPENAI_BASE_URL": "http://127.0.0.1:99999/v1"])
        #expect(await Self.ask(["hi"], in: fromEnvironment) == .config)
        #expect(fromEnvironment.stderr.contains("OPENAI_BASE_URL is not a usable http(s) URL ('http://127.0.0.1:99999/v1': its port '99999' is not a number from 1 to 65535)"),
                "\(fromEnvironment.stderr)")
        let file = #expect(throws: ConfigError.self) {
            try ConfigParser.parse("[endpoints.w]\nkind = \"openai\"\nbase_url = \"http://127.0.0.1:99999/v1\"\n", path: "/c/config.toml")
        }
        #expect(file?.message.contains("its port '99999' is not a number from 1 to 65535") == true, "\(String(describing: file))")
    }

    /// A bearer token is never sent over plain http to another machine; loopback gateways still work.
    @Test func bearerTokensNeedHTTPSUnlessLoopback() async throws {
        let remote = TestContext(environment: ["AWS_BEARER_TOKEN_BEDROCK": "bedrock-token-0123456789", "AWS_REGION": "us-east-1",
                                               "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": "http://bedrock.example.com"])
        #expect(await Self.ask(["hi"], model: "bedrock:anthropic.claude-3-haiku-20240307-v1:0", in: remote) == .config)
        #expect(remote.stderr.contains("AWS_BEARER_TOKEN_BEDROCK would be sent over plain http to bedrock.example.com; use an https:// URL"),
                "\(remote.stderr)")
        #expect(!remote.stderr.contains("bedrock-token-0123456789"))
        let anthropic = TestContext(environment: ["ANTHROPIC_AUTH_TOKEN": "t-0123456789", "ANTHROPIC_BASE_URL": "http://10.1.2.3:8080"])
        await #expect(throws: ConfigError.self) { try await anthropic.context.resolver.resolve("anthropic:claude-haiku-4-5") }
        for host in ["127.0.0.1:9", "localhost:9", "[::1]:9"] {
            let local = TestContext(environment: ["ANTHROPIC_AUTH_TOKEN": "t-0123456789", "ANTHROPIC_BASE_URL": "http://" + host])
            #expect(try await local.context.resolver.resolve("anthropic:claude-haiku-4-5").endpoint.baseURL == "http://" + host)
        }
        let https = TestContext(environment: ["ANTHROPIC_AUTH_TOKEN": "t-0123456789", "ANTHROPIC_BASE_URL": "https://gw.example.com"])
        #expect(try await https.context.resolver.resolve("anthropic:claude-haiku-4-5").endpoint.baseURL == "https://gw.example.com")
    }
}
