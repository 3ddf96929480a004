import Foundation
import MockProviders
import Testing

/// flags > environment > config file > built-in defaults, and `key_cmd`, against MockProviders.
@Suite(.serialized)
struct ConfigPrecedenceTests {
    static func server() throws -> MockServer {
        let server = try MockServer(configuration: MockConfiguration(replyText: "ok"))
        try server.start()
        return server
    }

    @Test func modelComesFromFlagThenEnvironmentThenConfig() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let home = try ConfigHome()
        defer { home.remove() }
        try home.write("""
        default_model = "mock:from-config"
        [aliases]
        short = "mock:from-alias"
        [endpoints.mock]
        kind = "openai"
        base_url = "\(server.baseURL)/v1"
        api_key_env = "MOCK_KEY"
        """)
        var env = home.environment
        env["MOCK_KEY"] = "mock-key-123456"
        func model(_ arguments: [String], _ env: [String: String]) async throws -> String? {
            let result = try await CLIRunner.run(["ask"] + arguments + ["hi"], environment: env)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("mock-key-123456"))
            #expect(server.recordedRequests.last?.header("Authorization") == "Bearer mock-key-123456")
            return server.recordedRequests.last.flatMap { requestedModel($0.body) }
        }
        #expect(try await model([], env) == "from-config")
        var withEnv = env
        withEnv["LLMCTL_MODEL"] = "mock:from-env"
        #expect(try await model([], withEnv) == "from-env")
        #expect(try await model(["-m", "mock:from-flag"], withEnv) == "from-flag")
        #expect(try await model(["-m", "short"], withEnv) == "from-alias")
        withEnv["LLMCTL_MODEL"] = "short"
        #expect(try await model([], withEnv) == "from-alias")
    }

    @Test func builtInDefaultWhenNothingIsConfigured() async throws {
        let home = try ConfigHome()
        defer { home.remove() }
        let result = try await CLIRunner.run(["ask", "hi"], environment: home.environment)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("offline model"))
    }

    @Test func environmentBeatsAConfigEndpointOfTheSameName() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let home = try ConfigHome()
        defer { home.remove() }
        // The file points openai at a dead port with its own key; OPENAI_* in the environment win.
        try home.write("""
        [endpoints.openai]
        kind = "openai"
        base_url = "http://127.0.0.1:9/v1"
        api_key = "file-key-123456"
        headers = { "X-From-Config" = "yes" }
        """)
        var env = home.environment
        env["OPENAI_BASE_URL"] = server.baseURL + "/v1"
        env["OPENAI_API_KEY"] = "env-key-123456"
        let result = try await CLIRunner.run(["ask", "-m", "openai:gpt-4o-mini", "hi"], environment: env)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let request = try #require(server.recordedRequests.last)
        #expect(request.header("Authorization") == "Bearer env-key-123456")
        #expect(request.header("X-From-Config") == "yes")
    }

    @Test func keyCommandRunsOnceLazilyAndStaysSecret() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let home = try ConfigHome()
        defer { home.remove() }
        let counter = home.path + "/runs"
        try home.write("""
        [endpoints.w]
        kind = "openai"
        base_url = "\(server.baseURL)/v1"
        key_cmd = "echo run >> \(counter); echo secret-on-stderr-4321 >&2; printf 'sk-from-cmd-123456\\nnotes\\n'"
        """)
        // Not used: not run.
        let offline = try await CLIRunner.run(["ask", "-m", "offline:mock-1", "hi"], environment: home.environment)
        #expect(offline.status == 0, "stderr: \(offline.stderr)")
        #expect(!FileManager.default.fileExists(atPath: counter))

        let result = try await CLIRunner.run(["ask", "--json", "-m", "w:gpt-4o-mini", "hi"], environment: home.environment)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(home.read(counter) == "run\n")
        #expect(server.recordedRequests.last?.header("Authorization") == "Bearer sk-from-cmd-123456")
        for text in [result.stdout, result.stderr] {
            #expect(!text.contains("sk-from-cmd-123456"))
            #expect(!text.contains("secret-on-stderr-4321"))
        }
    }

    @Test func failingKeyCommandIsAConfigErrorWithoutItsOutput() async throws {
        let home = try ConfigHome()
        defer { home.remove() }
        try home.write("""
        [endpoints.w]
        kind = "anthropic"
        key_cmd = "echo half-secret-7788; echo secret-on-stderr-7788 >&2; exit 7"
        """)
        let result = try await CLIRunner.run(["ask", "-m", "w:claude", "hi"], environment: home.environment)
        #expect(result.status == 3)
        #expect(result.stderr.contains("key_cmd of [endpoints.w] failed with exit status 7; run it in a shell to see why"),
                "\(result.stderr)")
        #expect(!result.stderr.contains("7788") && !result.stdout.contains("7788"))
    }

    /// A config table for an OpenAI-protocol endpoint on `server` whose key is in MOCK_KEY.
    static func endpoint(_ name: String, _ server: MockServer) -> String {
        """
        [endpoints.\(name)]
        kind = "openai"
        base_url = "\(server.baseURL)/v1"
        api_key_env = "MOCK_KEY"
        """
    }

    /// The config home's environment with the mock key set.
    static func environment(_ home: ConfigHome) -> [String: String] {
        var env = home.environment
        env["MOCK_KEY"] = "mock-key-123456"
        return env
    }

    /// The JSON body of the last request the server saw.
    static func lastBody(_ server: MockServer) throws -> [String: Any] {
        let body = try #require(server.recordedRequests.last?.body)
        return try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
    }

    @Test func perModelDefaultsApplyAndFlagsOverrideThem() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let home = try ConfigHome()
        defer { home.remove() }
        try home.write(Self.endpoint("mock", server) + """

        [models."mock:tuned"]
        temperature = 0.25
        max_tokens = 77
        system = "Answer in French."
        """)
        let env = Self.environment(home)

        let plain = try await CLIRunner.run(["ask", "-m", "mock:tuned", "hi"], environment: env)
        #expect(plain.status == 0, "stderr: \(plain.stderr)")
        var body = try Self.lastBody(server)
        #expect(body["temperature"] as? Double == 0.25)
        #expect(body["max_tokens"] as? Int == 77 || body["max_completion_tokens"] as? Int == 77, "\(body)")
        let messages = try #require(body["messages"] as? [[String: Any]])
        #expect(messages.first?["role"] as? String == "system")
        #expect(messages.first?["content"] as? String == "Answer in French.")

        let flagged = try await CLIRunner.run(["ask", "-m", "mock:tuned", "--temperature", "1.5", "--max-tokens", "9",
                                               "--system", "Be terse.", "hi"], environment: env)
        #expect(flagged.status == 0, "stderr: \(flagged.stderr)")
        body = try Self.lastBody(server)
        #expect(body["temperature"] as? Double == 1.5)
        #expect(body["max_tokens"] as? Int == 9 || body["max_completion_tokens"] as? Int == 9, "\(body)")
        #expect((body["messages"] as? [[String: Any]])?.first?["content"] as? String == "Be terse.")

        // Another model on the same endpoint has no table: nothing is added.
        _ = try await CLIRunner.run(["ask", "-m", "mock:other", "hi"], environment: env)
        body = try Self.lastBody(server)
        #expect(body["temperature"] == nil)
        #expect((body["messages"] as? [[String: Any]])?.count == 1)
    }

    @Test func networkSectionSetsRetriesAndFlagsOverrideIt() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let home = try ConfigHome()
        defer { home.remove() }
        try home.write(Self.endpoint("mock", server) + "\n[network]\nretries = 0\n")
        let env = Self.environment(home)
        server.setDefaultFault(.http(503))
        let noRetry = try await CLIRunner.run(["ask", "-m", "mock:m", "hi"], environment: env)
        #expect(noRetry.status == 5, "stderr: \(noRetry.stderr)")
        #expect(server.recordedRequests.count == 1, "config retries = 0 means one attempt")

        let oneRetry = try await CLIRunner.run(["ask", "--retries", "1", "-m", "mock:m", "hi"], environment: env)
        #expect(oneRetry.status == 5, "stderr: \(oneRetry.stderr)")
        #expect(server.recordedRequests.count == 3, "the flag wins over the config: two more attempts")
    }

    @Test func configFallbackAnswersWhenTheModelFails() async throws {
        let failing = try Self.server()
        defer { failing.stop() }
        failing.setDefaultFault(.http(401))
        let backup = try MockServer(configuration: MockConfiguration(replyText: "from the backup"))
        try backup.start()
        defer { backup.stop() }
        let home = try ConfigHome()
        defer { home.remove() }
        try home.write("fallback = [\"spare:m2\"]\n" + Self.endpoint("main", failing) + "\n" + Self.endpoint("spare", backup))
        let env = Self.environment(home)
        let result = try await CLIRunner.run(["ask", "-m", "main:m1", "hi"], environment: env)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "from the backup\n")
        #expect(result.stderr.contains("main:m1 failed"), "\(result.stderr)")
        #expect(result.stderr.contains("answered by spare:m2"), "\(result.stderr)")
        #expect(!result.stderr.contains("mock-key-123456"))
    }
}
