import Foundation
import MockProviders
import Testing

/// `llmctl ask -m gemini:…` against the mock's Gemini API (providers.md §5, §10).
@Suite(.serialized)
struct GeminiEndToEndTests {
    static let key = "AIza-e2e-gemini-0123456789"
    static let model = "gemini:gemini-2.5-flash"

    static func environment(_ server: MockServer, _ extra: [String: String] = ["GEMINI_API_KEY": key]) -> [String: String] {
        E2E.environment(["GOOGLE_GEMINI_BASE_URL": server.baseURL].merging(extra) { _, new in new })
    }

    @Test func streamsOverSSEWithKeyHeaderAndSystemInstruction() async throws {
        let server = try E2E.start(.init(replyText: "Gemini speaks SSE here."))
        defer { server.stop() }
        let result = try await E2E.run(["ask", "-m", Self.model, "--system", "Be terse.", "Say something"],
                                 Self.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "Gemini speaks SSE here.\n")
        #expect(result.stderr.isEmpty, "stderr: \(result.stderr)")

        let request = try E2E.onlyRequest(server)
        #expect(request.target == "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse")
        #expect(request.header("x-goog-api-key") == Self.key)
        #expect(!request.target.contains("key="), "the key goes in a header, not the URL")
        let body = try E2E.body(request)
        let system = try #require(body["systemInstruction"] as? [String: Any])
        #expect((system["parts"] as? [[String: Any]])?.first?["text"] as? String == "Be terse.")
        let contents = try #require(body["contents"] as? [[String: Any]])
        #expect(contents.count == 1)
        #expect(contents.first?["role"] as? String == "user")
        #expect((contents.first?["parts"] as? [[String: Any]])?.first?["text"] as? String == "Say something")
    }

    @Test func jsonHasTheLastChunksUsageMetadataAndFinishReason() async throws {
        let server = try E2E.start(.init(tokens: 9))
        defer { server.stop() }
        let result = try await E2E.run(["ask", "--json", "-m", Self.model, "-s", "Answer in English.", "name two colours"],
                                 Self.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try E2E.object(result.stdout)
        #expect(object["provider"] as? String == "gemini")
        #expect(object["model"] as? String == "gemini:gemini-2.5-flash")
        #expect(object["finish_reason"] as? String == "STOP")
        #expect(object["text"] as? String == "Mock reply to: name two colours. token1 token2 token3 ")
        let input = E2E.words("Answer in English.", "name two colours")
        let usage = try E2E.usage(object)
        #expect(usage.input == input)
        #expect(usage.output == 9)
        #expect(usage.total == input + 9)
    }

    @Test func googleAPIKeyWinsOverGeminiAPIKey() async throws {
        let google = "AIza-e2e-google-wins-0123"
        let server = try E2E.start(.init(replyText: "google key used", acceptedKeys: [google]))
        defer { server.stop() }
        let result = try await E2E.run(["ask", "-m", Self.model, "hi"],
                                 Self.environment(server, ["GEMINI_API_KEY": Self.key, "GOOGLE_API_KEY": google]))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "google key used\n")
        #expect(try E2E.onlyRequest(server).header("x-goog-api-key") == google)
    }

    @Test func googleAPIKeyWinsForAConfiguredGeminiEndpointToo() async throws {
        let google = "AIza-e2e-google-config-0123"
        let server = try E2E.start(.init(replyText: "config endpoint", acceptedKeys: [google]))
        defer { server.stop() }
        let env = Self.environment(server, ["GEMINI_API_KEY": Self.key, "GOOGLE_API_KEY": google])
        let directory = try #require(env["XDG_CONFIG_HOME"]) + "/llmctl"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "[endpoints.gemini]\nkind = \"gemini\"\n".write(toFile: directory + "/config.toml", atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: directory + "/config.toml")
        let result = try await E2E.run(["ask", "-m", Self.model, "hi"], env)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "config endpoint\n")
        #expect(try E2E.onlyRequest(server).header("x-goog-api-key") == google)
    }

    @Test func invalidKeyIsA400ThatExitsFourNamingTheVariable() async throws {
        let server = try E2E.start(.init(acceptedKeys: ["AIza-the-right-one"]))
        defer { server.stop() }
        let result = try await E2E.run(["ask", "--retries", "0", "-m", Self.model, "hi"], Self.environment(server))
        E2E.expectOneLineError(result, status: 4, naming: "GEMINI_API_KEY", secrets: [Self.key, "0123456789"])
        #expect(result.stderr.contains("API_KEY_INVALID"), "stderr: \(result.stderr)")

        // The message names the variable the key came from.
        let google = try await E2E.run(["ask", "--retries", "0", "-m", Self.model, "hi"],
                                 Self.environment(server, ["GOOGLE_API_KEY": Self.key]))
        E2E.expectOneLineError(google, status: 4, naming: "GOOGLE_API_KEY", secrets: [Self.key])
    }

    @Test func safetyFinishReasonIsShownOnStderr() async throws {
        let server = try E2E.start(.init(tokens: 6))
        defer { server.stop() }
        server.enqueueFaults([MockFault(finishReason: "SAFETY")])
        let result = try await E2E.run(["ask", "-m", Self.model, "hi"], Self.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "Mock reply to: hi. token1 token2 \n")
        #expect(result.stderr.contains("SAFETY"), "stderr: \(result.stderr)")
        #expect(!result.stdout.contains("SAFETY"))
    }

    @Test func rateLimitWithRetryInfoSaysHowLongToWait() async throws {
        let server = try E2E.start()
        defer { server.stop() }
        server.enqueueFaults([.http(429, retryAfter: .seconds(7))])
        let result = try await E2E.run(["ask", "--json", "--retries", "0", "-m", Self.model, "hi"], Self.environment(server))
        #expect(result.status == 5, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("wait 7s"), "stderr: \(result.stderr)")
        #expect(result.stderr.contains("RESOURCE_EXHAUSTED"), "stderr: \(result.stderr)")
        let error = try #require(try E2E.object(result.stdout)["error"] as? [String: Any])
        #expect(error["exit_code"] as? Int == 5)
        #expect(error["http_status"] as? Int == 429)
    }

    @Test func rateLimitIsRetriedAfterTheRetryInfoDelay() async throws {
        let server = try E2E.start(.init(replyText: "quota back"))
        defer { server.stop() }
        server.enqueueFaults([.http(429, retryAfter: .seconds(1))])
        let started = Date()
        let result = try await E2E.run(["ask", "-m", Self.model, "hi"], Self.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "quota back\n")
        #expect(Date().timeIntervalSince(started) >= 1.0)
        #expect(result.stderr.contains("HTTP 429 from gemini, retrying in 1.0 s (attempt 2 of 3)"), "stderr: \(result.stderr)")
    }

    @Test func apiVersionVariableSelectsV1() async throws {
        let server = try E2E.start(.init(replyText: "v1 works"))
        defer { server.stop() }
        let result = try await E2E.run(["ask", "-m", Self.model, "hi"],
                                 Self.environment(server, ["GEMINI_API_KEY": Self.key, "GOOGLE_GENAI_API_VERSION": "v1"]))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "v1 works\n")
        #expect(try E2E.onlyRequest(server).target == "/v1/models/gemini-2.5-flash:streamGenerateContent?alt=sse")
    }

    @Test func errorChunkMidStreamKeepsThePartialText() async throws {
        let server = try E2E.start(.init(tokens: 20))
        defer { server.stop() }
        server.enqueueFaults([MockFault(midStreamErrorAfter: 6)])
        let result = try await E2E.run(["ask", "--retries", "0", "-m", Self.model, "tell me"], Self.environment(server))
        E2E.expectPartialKept(result, before: "token2")
        #expect(result.stdout == "Mock reply to: tell me. token1 \n")
        #expect(result.stderr.contains("INTERNAL"), "stderr: \(result.stderr)")
    }
}
