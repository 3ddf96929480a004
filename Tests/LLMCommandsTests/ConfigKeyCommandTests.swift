import Foundation
import LLMClient
import LLMCore
import Testing
@testable import LLMCommands

/// `key_cmd` runs once per process, and the resolver's precedence with a config file.
@Suite struct ConfigKeyCommandTests {
    static func tempFile() -> String { NSTemporaryDirectory() + "llmctl-keycmd-" + UUID().uuidString }

    static func resolver(_ text: String, environment: [String: String] = [:],
                         runner: KeyCommandRunner? = nil) throws -> EndpointResolver {
        let config = try ConfigParser.parse(text, path: "/c/config.toml")
        return EndpointResolver(environment: EnvironmentResolver(environment: environment), config: config,
                                keys: runner ?? KeyCommandRunner(environment: environment), offline: OfflineModel())
    }

    @Test func runsOncePerProcessWhenUsedTwice() async throws {
        let counter = Self.tempFile()
        defer { try? FileManager.default.removeItem(atPath: counter) }
        let resolver = try Self.resolver("""
        [endpoints.w]
        kind = "openai"
        base_url = "http://127.0.0.1:9/v1"
        key_cmd = "echo run >> \(counter); echo sk-once-123456"
        """)
        let first = try await resolver.resolve("w:a")
        let second = try await resolver.resolve("w:b")
        #expect(first.endpoint.credential == .apiKey(Secret("sk-once-123456"), source: "key_cmd of [endpoints.w]"))
        #expect(second.endpoint.credential == first.endpoint.credential)
        let runs = try String(contentsOfFile: counter, encoding: .utf8)
        #expect(runs == "run\n")
        #expect(resolver.redactor.scrub("key sk-once-123456") == "key <redacted>")
    }

    @Test func concurrentFirstUsesStillRunOnce() async throws {
        let counter = Self.tempFile()
        defer { try? FileManager.default.removeItem(atPath: counter) }
        let runner = KeyCommandRunner(environment: [:])
        let command = "echo run >> \(counter); sleep 0.2; echo k-123456"
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<4 { group.addTask { try await runner.key(for: command, owner: "[endpoints.w]") } }
            for try await key in group { #expect(key == "k-123456") }
        }
        #expect(try String(contentsOfFile: counter, encoding: .utf8) == "run\n")
        #expect(runner.runCount == 1)
    }

    @Test func failuresNameTheEndpointNotTheOutput() async throws {
        let runner = KeyCommandRunner(environment: [:])
        let failed = await #expect(throws: ConfigError.self) {
            try await runner.key(for: "echo leaked-123 >&2; echo out-123; exit 3", owner: "[endpoints.w]")
        }
        #expect(failed?.message == "key_cmd of [endpoints.w] failed with exit status 3; run it in a shell to see why (its output is not shown: it may hold secrets)")
        let empty = await #expect(throws: ConfigError.self) { try await runner.key(for: "true", owner: "[endpoints.w]") }
        #expect(empty?.message == "key_cmd of [endpoints.w] printed nothing on stdout; it must print the key")
        #expect(runner.runCount == 2)
        let impatient = KeyCommandRunner(environment: [:], timeout: 0.5)
        let slow = await #expect(throws: ConfigError.self) { try await impatient.key(for: "sleep 5", owner: "[endpoints.w]") }
        #expect(slow?.message.hasPrefix("key_cmd of [endpoints.w] did not finish within 0.5 s") == true)
        // A failure is remembered too: the command is not run again within the process.
        let started = ContinuousClock.now
        await #expect(throws: ConfigError.self) { try await impatient.key(for: "sleep 5", owner: "[endpoints.w]") }
        #expect(ContinuousClock.now - started < .milliseconds(400))
        #expect(impatient.runCount == 1)
    }

    @Test func precedenceFlagEnvironmentConfigDefault() async throws {
        let config = """
        default_model = "openai:from-config"
        [endpoints.openai]
        kind = "openai"
        api_key = "file-key"
        [models."openai:from-config"]
        temperature = 0.25
        """
        let fileOnly = try await Self.resolver(config).resolve(nil)
        #expect(fileOnly.ref.description == "openai:from-config")
        #expect(fileOnly.defaults.temperature == 0.25)
        let env = ["LLMCTL_MODEL": "openai:from-env", "OPENAI_API_KEY": "env-key"]
        let withEnv = try Self.resolver(config, environment: env)
        let fromEnv = try await withEnv.resolve(nil)
        #expect(fromEnv.ref.description == "openai:from-env")
        #expect(fromEnv.defaults == ModelDefaults())
        #expect(fromEnv.endpoint.credential == .apiKey(Secret("env-key"), source: "OPENAI_API_KEY"))
        #expect(try await withEnv.resolve("openai:from-flag").ref.description == "openai:from-flag")
        // Built-in default: no flag, no LLMCTL_MODEL, no default_model → the first provider with a key.
        let builtIn = try await Self.resolver("", environment: ["ANTHROPIC_API_KEY": "k"]).resolve(nil)
        #expect(builtIn.ref.provider == "anthropic")
        #expect(try Self.resolver("fallback = [\"openai:x\"]").fallback == ["openai:x"])
    }
}
