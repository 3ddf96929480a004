import Foundation
import MockProviders
import Testing

/// Shared pieces of the per-provider end-to-end suites: the built `llmctl` against MockProviders over
/// real loopback HTTP, with a private HOME per run so no config file or AWS profile leaks in.
enum E2E {
    /// A started mock server; stop it with `defer { server.stop() }`.
    static func start(_ configuration: MockConfiguration = .init()) throws -> MockServer {
        try MockFixture.start(configuration)
    }

    /// A fresh, empty HOME (with its XDG directories) and `extra` on top.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        let home = NSTemporaryDirectory() + "llmctl-e2e-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        return CLIRunner.baseEnvironment(home: home).merging(extra) { _, new in new }
    }

    /// Runs `llmctl` with `arguments`.
    static func run(_ arguments: [String], _ environment: [String: String], stdin: String? = nil) async throws -> CLIRunner.Result {
        try await CLIRunner.run(arguments, environment: environment, stdin: stdin)
    }

    /// The single JSON object on stdout (`ask --json`).
    static func object(_ stdout: String) throws -> [String: Any] {
        #expect(stdout.split(separator: "\n").count == 1, "stdout: \(stdout)")
        return try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
    }

    /// A recorded request's JSON body.
    static func body(_ request: RecordedRequest) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
    }

    /// The one request the test expects the server to have answered, excluding control requests.
    static func onlyRequest(_ server: MockServer, sourceLocation: SourceLocation = #_sourceLocation) throws -> RecordedRequest {
        let requests = server.recordedRequests.filter { !$0.path.hasPrefix("/__mock") }
        #expect(requests.count == 1, "requests: \(requests.map(\.target))", sourceLocation: sourceLocation)
        return try #require(requests.last, sourceLocation: sourceLocation)
    }

    /// Words in `text`, the way the mock counts input tokens.
    static func words(_ texts: String...) -> Int {
        texts.reduce(0) { $0 + $1.split(whereSeparator: \.isWhitespace).count }
    }

    /// `usage` of an `ask --json` object as (input, output, total).
    static func usage(_ object: [String: Any]) throws -> (input: Int?, output: Int?, total: Int?) {
        let usage = try #require(object["usage"] as? [String: Any])
        return (usage["input_tokens"] as? Int, usage["output_tokens"] as? Int, usage["total_tokens"] as? Int)
    }

    /// A failed run reported as one `llmctl: error:` line on stderr with `status`, naming `variable`,
    /// and with none of `secrets` on stdout or stderr.
    static func expectOneLineError(_ result: CLIRunner.Result, status: Int32, naming variable: String,
                                   secrets: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == status, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("llmctl: error: "), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(variable), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "stdout: \(result.stdout)", sourceLocation: sourceLocation)
        for secret in secrets {
            #expect(!result.stderr.contains(secret), "secret on stderr", sourceLocation: sourceLocation)
            #expect(!result.stdout.contains(secret), "secret on stdout", sourceLocation: sourceLocation)
        }
    }

    /// A mid-stream failure: the text sent before the error stays on stdout (plus a newline), the exit
    /// code is 5 and stderr has the error line.
    static func expectPartialKept(_ result: CLIRunner.Result, before marker: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 5, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.hasPrefix("Mock reply to:"), "stdout: \(result.stdout)", sourceLocation: sourceLocation)
        #expect(result.stdout.hasSuffix("\n"), sourceLocation: sourceLocation)
        #expect(!result.stdout.contains(marker), "stdout: \(result.stdout)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains("llmctl: error: "), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    }
}

/// Behaviour every provider shares, checked on providers other than OpenAI.
@Suite(.serialized)
struct ProviderEndToEndTests {
    @Test func statsLineForAnthropic() async throws {
        let server = try E2E.start(.init(tokens: 6))
        defer { server.stop() }
        let env = E2E.environment(["ANTHROPIC_API_KEY": "sk-ant-stats-0123456789",
                                   "ANTHROPIC_BASE_URL": server.baseURL])
        let result = try await E2E.run(["ask", "--stats", "-m", "anthropic:claude-haiku-4-5", "hi"], env)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.hasPrefix("Mock reply to: hi."))
        #expect(!result.stdout.contains("ttft"))
        let line = try #require(result.stderr.split(separator: "\n").last.map(String.init))
        #expect(line.hasPrefix("anthropic:claude-haiku-4-5 · ttft "), "stderr: \(result.stderr)")
        #expect(line.contains("6 tokens"), "stderr: \(result.stderr)")
        #expect(line.contains("new conn"), "stderr: \(result.stderr)")
    }

    @Test func statsLineForBedrockAndOllama() async throws {
        let server = try E2E.start(.init(tokens: 4))
        defer { server.stop() }
        let bedrock = E2E.environment(["AWS_ACCESS_KEY_ID": MockConfiguration.exampleAccessKeyID,
                                       "AWS_SECRET_ACCESS_KEY": MockConfiguration.exampleSecretAccessKey,
                                       "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": server.baseURL])
        let first = try await E2E.run(["ask", "--stats", "-m", "bedrock:amazon.titan-text-express-v1", "hi"], bedrock)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(first.stderr.contains("bedrock:amazon.titan-text-express-v1 · ttft "), "stderr: \(first.stderr)")
        #expect(first.stderr.contains("4 tokens"), "stderr: \(first.stderr)")

        let ollama = E2E.environment(["OLLAMA_HOST": "127.0.0.1:\(server.port)"])
        let second = try await E2E.run(["ask", "--stats", "-m", "ollama:llama3.2", "hi"], ollama)
        #expect(second.status == 0, "stderr: \(second.stderr)")
        #expect(second.stderr.contains("ollama:llama3.2 · ttft "), "stderr: \(second.stderr)")
        #expect(second.stderr.contains("4 tokens"), "stderr: \(second.stderr)")
    }

    /// Every native protocol against the same server, as `(model ref, environment)`.
    static func everyProvider(_ server: MockServer) -> [(String, [String: String])] {
        [("anthropic:claude-haiku-4-5", E2E.environment(["ANTHROPIC_API_KEY": "sk-ant-every-0123456789",
                                                         "ANTHROPIC_BASE_URL": server.baseURL])),
         ("gemini:gemini-2.5-flash", E2E.environment(["GEMINI_API_KEY": "AIza-every-0123456789",
                                                      "GOOGLE_GEMINI_BASE_URL": server.baseURL])),
         ("bedrock:anthropic.claude-3-haiku-20240307-v1:0",
          E2E.environment(["AWS_ACCESS_KEY_ID": MockConfiguration.exampleAccessKeyID,
                           "AWS_SECRET_ACCESS_KEY": MockConfiguration.exampleSecretAccessKey,
                           "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": server.baseURL])),
         ("ollama:llama3.2", E2E.environment(["OLLAMA_HOST": "http://127.0.0.1:\(server.port)"])),
         ("groq:llama-3.1-8b-instant", E2E.environment(["GROQ_API_KEY": "gsk_every_0123456789",
                                                        "GROQ_BASE_URL": server.baseURL + "/v1"]))]
    }

    @Test func multibyteTextSplitIntoTinyWritesWithCRLFArrivesIntact() async throws {
        let text = "Grüße, 世界! 🌍 naïve café — done."
        let server = try E2E.start(.init(replyText: text))
        defer { server.stop() }
        for (model, env) in Self.everyProvider(server) {
            server.enqueueFaults([MockFault(lineEnding: .crlf, splitWrites: true, splitMaxBytes: 3)])
            let result = try await E2E.run(["ask", "-m", model, "hi"], env)
            #expect(result.status == 0, "\(model) stderr: \(result.stderr)")
            #expect(result.stdout == text + "\n", "\(model)")
        }
        #expect(server.pendingFaults == 0)
    }

    @Test func droppedConnectionKeepsThePartialTextAndIsANetworkError() async throws {
        let server = try E2E.start(.init(tokens: 20))
        defer { server.stop() }
        for (model, env) in Self.everyProvider(server) {
            server.enqueueFaults([MockFault(dropAfterTokens: 7)])
            let result = try await E2E.run(["ask", "-m", model, "tell me"], env)
            // The connection was lost, not answered with an error: exit 6, and no retry once text showed.
            #expect(result.status == 6, "\(model) stderr: \(result.stderr)")
            #expect(result.stdout == "Mock reply to: tell me. token1 token2 \n", "\(model)")
            #expect(result.stderr.contains("llmctl: error: "), "\(model) stderr: \(result.stderr)")
        }
        #expect(server.recordedRequests.count == 5, "a reply that had started is never sent again")
    }

    @Test func streamWithoutItsEndMarkerIsAnError() async throws {
        let server = try E2E.start(.init(tokens: 6))
        defer { server.stop() }
        for (model, env) in Self.everyProvider(server) {
            server.enqueueFaults([MockFault(omitEndMarker: true)])
            let result = try await E2E.run(["ask", "--retries", "0", "-m", model, "tell me"], env)
            #expect(result.status == 5, "\(model) stderr: \(result.stderr)")
            #expect(result.stdout == "Mock reply to: tell me. token1 \n", "\(model)")
        }
    }

    @Test func noStreamUsesEachProvidersWholeReplyEndpoint() async throws {
        let server = try E2E.start(.init(replyText: "all at once"))
        defer { server.stop() }
        let paths = ["/v1/messages", "/v1beta/models/gemini-2.5-flash:generateContent",
                     "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse", "/api/chat", "/v1/chat/completions"]
        for ((model, env), path) in zip(Self.everyProvider(server), paths) {
            server.resetCounters()
            let result = try await E2E.run(["ask", "--no-stream", "--json", "-m", model, "hi"], env)
            #expect(result.status == 0, "\(model) stderr: \(result.stderr)")
            let object = try E2E.object(result.stdout)
            #expect(object["text"] as? String == "all at once", "\(model)")
            #expect(try E2E.usage(object).output == 3, "\(model)")
            #expect(object["finish_reason"] is String, "\(model)")
            #expect(try E2E.onlyRequest(server).target == path, "\(model)")
        }
    }

    @Test func missingCredentialsAreAConfigErrorNamingTheVariable() async throws {
        let cases: [(String, String)] = [("anthropic:claude-haiku-4-5", "ANTHROPIC_API_KEY"),
                                         ("gemini:gemini-2.5-flash", "GEMINI_API_KEY"),
                                         ("groq:llama-3.1-8b-instant", "GROQ_API_KEY")]
        for (model, variable) in cases {
            let result = try await E2E.run(["ask", "-m", model, "hi"], E2E.environment())
            E2E.expectOneLineError(result, status: 3, naming: variable, secrets: [])
        }
        let bedrock = try await E2E.run(["ask", "-m", "bedrock:amazon.titan-text-express-v1", "hi"],
                                  E2E.environment(["AWS_REGION": "us-east-1"]))
        E2E.expectOneLineError(bedrock, status: 3, naming: "AWS_ACCESS_KEY_ID", secrets: [])
    }

    @Test func modelsMarksEveryProviderReadyWhenItsEnvironmentIsSet() async throws {
        let secrets = ["sk-ant-models-0123456789", "AIza-models-0123456789", "gsk-models-0123456789",
                       MockConfiguration.exampleSecretAccessKey]
        let env = E2E.environment([
            "OPENAI_API_KEY": "sk-models-openai-0123456789",
            "ANTHROPIC_API_KEY": secrets[0], "ANTHROPIC_BASE_URL": "http://127.0.0.1:9",
            "GEMINI_API_KEY": secrets[1],
            "GROQ_API_KEY": secrets[2],
            "AWS_ACCESS_KEY_ID": MockConfiguration.exampleAccessKeyID,
            "AWS_SECRET_ACCESS_KEY": secrets[3], "AWS_REGION": "eu-central-1",
            "OLLAMA_HOST": "127.0.0.1:9",
        ])
        let result = try await E2E.run(["models", "--json"], env)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        for secret in secrets {
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))
        }
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: rows.compactMap { row in (row["name"] as? String).map { ($0, row) } })
        let expected: [(String, String, String)] = [
            ("anthropic", "found (ANTHROPIC_API_KEY)", "http://127.0.0.1:9"),
            ("gemini", "found (GEMINI_API_KEY)", "https://generativelanguage.googleapis.com"),
            ("groq", "found (GROQ_API_KEY)", "https://api.groq.com/openai/v1"),
            ("bedrock", "found (AWS_ACCESS_KEY_ID)", "https://bedrock-runtime.eu-central-1.amazonaws.com"),
            ("ollama", "not needed", "http://127.0.0.1:9"),
            ("ollama-openai", "not needed", "http://localhost:11434/v1"),
        ]
        for (name, credentials, endpoint) in expected {
            let row = try #require(byName[name], "\(name) missing")
            #expect(row["ready"] as? Bool == true, "\(name): \(row)")
            #expect(row["credentials"] as? String == credentials, "\(name): \(row)")
            #expect(row["endpoint"] as? String == endpoint, "\(name): \(row)")
        }

        let bare = try await E2E.run(["models", "--json"], E2E.environment())
        let bareRows = try #require(try JSONSerialization.jsonObject(with: Data(bare.stdout.utf8)) as? [[String: Any]])
        for row in bareRows where ["anthropic", "gemini", "groq", "bedrock"].contains(row["name"] as? String ?? "") {
            #expect(row["ready"] as? Bool == false, "\(row)")
        }
    }
}
