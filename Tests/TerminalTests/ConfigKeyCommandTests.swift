import Foundation
import LLMClient
import LLMCore
import Testing

/// `key_cmd` runs once per process, and the resolver's precedence with a config file.
@Suite struct ConfigKeyCommandTests {
    static func tempFile() -> String { NSTemporaryDirectory() + "llmctl-keycmd-" + UUID().uuidString }

    static func resolver(_ text: String, environment: [String: String] = [:],
                         runner: KeyCommandRunner? = nil) throws -> ModelResolver {
        let config = try ConfigParser.parse(text, path: "/c/config.toml")
        let configured = ConfiguredEndpoints(config: config, environment: environment,
                                             keyCommands: runner ?? KeyCommandRunner(environment: environment)) { name in
            try EnvironmentResolver(environment: environment).endpoint(for: name)
        }
        return ModelResolver(environment: environment, configured: configured) { name in
            try EnvironmentResolver(environment: environment).endpoint(for: name)
        }
    }

    @Test func runsOncePerProcessWhenUsedTwice() throws {
        let counter = Self.tempFile()
        defer { try? FileManager.default.removeItem(atPath: counter) }
        let resolver = try Self.resolver("""
        [endpoints.w]
        kind = "openai"
        base_url = "http://127.0.0.1:9/v1"
        key_cmd = "echo run >> \(counter); echo sk-once-123456"
        """)
        let first = try resolver.resolve("w:a")
        let second = try resolver.resolve("w:b")
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
            for _ in 0..<4 { group.addTask { try runner.key(for: command, owner: "[endpoints.w]") } }
            for try await key in group { #expect(key == "k-123456") }
        }
        #expect(try String(contentsOfFile: counter, encoding: .utf8) == "run\n")
        #expect(runner.runCount == 1)
    }

    @Test func failuresNameTheEndpointNotTheOutput() throws {
        let runner = KeyCommandRunner(environment: [:])
        let failed = #expect(throws: ConfigError.self) {
            try runner.key(for: "echo leaked-123 >&2; echo out-123; exit 3", owner: "[endpoints.w]")
        }
        #expect(failed?.message == "key_cmd of [endpoints.w] failed with exit status 3; run it in a shell to see why (its output is not shown: it may hold secrets)")
        let empty = #expect(throws: ConfigError.self) { try runner.key(for: "true", owner: "[endpoints.w]") }
        #expect(empty?.message == "key_cmd of [endpoints.w] printed nothing on stdout; it must print the key")
        #expect(runner.runCount == 2)
        let impatient = KeyCommandRunner(environment: [:], timeout: 0.5)
        let slow = #expect(throws: ConfigError.self) { try impatient.key(for: "sleep 5", owner: "[endpoints.w]") }
        #expect(slow?.message.hasPrefix("key_cmd of [endpoints.w] did not finish within 0.5 s") == true)
        // A failure is remembered too: the command is not run again within the process.
        let started = ContinuousClock.now
        #expect(throws: ConfigError.self) { try impatient.key(for: "sleep 5", owner: "[endpoints.w]") }
        #expect(ContinuousClock.now - started < .milliseconds(400))
        #expect(impatient.runCount == 1)
    }

    @Test func precedenceFlagEnvironmentConfigDefault() throws {
        let config = """
        default_model = "openai:from-config"
        [endpoints.openai]
        kind = "openai"
        api_key = "file-key"
        [models."openai:from-config"]
        temperature = 0.25
        """
        let fileOnly = try Self.resolver(config).resolve(nil)
        #expect(fileOnly.ref.description == "openai:from-config")
        #expect(fileOnly.defaults.temperature == 0.25)
        let env = ["LLMCTL_MODEL": "openai:from-env", "OPENAI_API_KEY": "env-key"]
        let withEnv = try Self.resolver(config, environment: env)
        #expect(try withEnv.resolve(nil).ref.description == "openai:from-env")
        #expect(try withEnv.resolve(nil).defaults == ModelDefaults())
        #expect(try withEnv.resolve(nil).endpoint.credential == .apiKey(Secret("env-key"), source: "OPENAI_API_KEY"))
        #expect(try withEnv.resolve("openai:from-flag").ref.description == "openai:from-flag")
        // Built-in default: no flag, no LLMCTL_MODEL, no default_model → the first provider with a key.
        let builtIn = try Self.resolver("", environment: ["ANTHROPIC_API_KEY": "k"]).resolve(nil)
        #expect(builtIn.ref.provider == "anthropic")
        #expect(try Self.resolver("fallback = [\"openai:x\"]").fallback == ["openai:x"])
    }
}
