import Foundation
import MockProviders
import Testing

/// `llmctl compare`, the built binary against three MockServers (openai, groq and mistral rows).
@Suite(.serialized)
struct CompareTests {
    static let models = ["openai:gpt-4o-mini", "groq:llama-3.1-8b-instant", "mistral:mistral-small-latest"]

    /// Three servers, each answering with its own text, and an environment pointing a provider at each.
    static func servers(tokenDelay: Duration = .zero) throws -> (servers: [MockServer], env: [String: String]) {
        let servers = try ["alpha", "beta", "gamma"].map { word in
            try BatchSupport.start(.init(tokenDelay: tokenDelay, replyText: "\(word) says hello"))
        }
        var env = BatchSupport.environment(servers[0])
        for (name, server) in [("GROQ", servers[1]), ("MISTRAL", servers[2])] {
            env["\(name)_API_KEY"] = BatchSupport.key
            env["\(name)_BASE_URL"] = server.baseURL + "/v1"
        }
        return (servers, env)
    }

    static func arguments(_ extra: [String]) -> [String] {
        ["compare"] + models.flatMap { ["-m", $0] } + extra
    }

    @Test func threeModelsAnswerInBlocksThenATable() async throws {
        let (servers, env) = try Self.servers()
        defer { servers.forEach { $0.stop() } }
        let result = try await CLIRunner.run(Self.arguments(["summarise"]), environment: env, stdin: "some context\n")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == """
            == openai:gpt-4o-mini ==
            alpha says hello

            == groq:llama-3.1-8b-instant ==
            beta says hello

            == mistral:mistral-small-latest ==
            gamma says hello

            """)
        let table = result.stderr.split(separator: "\n").map(String.init)
        let header = try #require(table.first { $0.hasPrefix("model") })
        for column in ["ttft", "total", "tokens", "tok/s", "connection", "error"] { #expect(header.contains(column)) }
        for model in Self.models {
            let row = try #require(table.first { $0.hasPrefix(model) }, "no row for \(model): \(result.stderr)")
            #expect(row.contains("new HTTP/1.1"))
            #expect(row.hasSuffix("  -"), "no error: \(row)")
            #expect(row.contains(" ms"))
        }
        // The same prompt, arguments then piped stdin, went to every server.
        for server in servers {
            #expect(try #require(server.recordedRequests.last).bodyText.contains(#"summarise\n\nsome context"#))
        }
    }

    @Test func jsonHasOneResultPerModel() async throws {
        let (servers, env) = try Self.servers()
        defer { servers.forEach { $0.stop() } }
        let result = try await CLIRunner.run(Self.arguments(["--json", "hi"]), environment: env)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["prompt"] as? String == "hi")
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.map { $0["model"] as? String } == Self.models)
        #expect(results.map { $0["text"] as? String } == ["alpha says hello", "beta says hello", "gamma says hello"])
        for r in results {
            #expect(r["finish_reason"] as? String == "stop")
            #expect((r["usage"] as? [String: Any])?["output_tokens"] as? Int == 3)
            let timing = try #require(r["timing"] as? [String: Any])
            #expect(timing["ttft_ms"] as? Double != nil && timing["total_ms"] as? Double != nil)
            #expect((r["connection"] as? [String: Any])?["reused"] as? Bool == false)
            #expect(r["error"] is NSNull)
        }
    }

    @Test func aFailingModelIsInTheTableAndExitsFive() async throws {
        let (servers, env) = try Self.servers()
        defer { servers.forEach { $0.stop() } }
        servers[1].setDefaultFault(.http(500))
        let result = try await CLIRunner.run(Self.arguments(["--retries", "0", "hi"]), environment: env)
        #expect(result.status == 5, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("alpha says hello") && result.stdout.contains("gamma says hello"))
        let row = try #require(result.stderr.split(separator: "\n").first { $0.hasPrefix("groq:") })
        #expect(row.contains("HTTP 500"), "\(row)")
    }

    @Test func firstKeepsTheWinnerAndCancelsTheOthers() async throws {
        let (servers, env) = try Self.servers(tokenDelay: .milliseconds(5))
        defer { servers.forEach { $0.stop() } }
        // groq is the quick one; the others would not send a byte for five seconds.
        servers[0].setDefaultFault(MockFault(firstByteDelay: .seconds(5)))
        servers[2].setDefaultFault(MockFault(firstByteDelay: .seconds(5)))
        // The winner answers only once the losers' servers have read their requests: a request
        // cancelled before it was read is no "disconnect mid-request" to count.
        servers[1].holdReplies()
        let losersAsked = Task {
            let first = await servers[0].waitForRequests(1)
            let second = await servers[2].waitForRequests(1)
            servers[1].releaseReplies()
            return first && second
        }
        let started = Date()
        let result = try await CLIRunner.run(Self.arguments(["--first", "hi"]), environment: env)
        #expect(await losersAsked.value, "the losers' servers never received their requests")
        #expect(Date().timeIntervalSince(started) < 4, "the losers were waited for")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "beta says hello\n")
        #expect(result.stderr.contains("groq:llama-3.1-8b-instant answered first"), "\(result.stderr)")
        #expect(result.stderr.contains("cancelled openai:gpt-4o-mini, mistral:mistral-small-latest"), "\(result.stderr)")
        // The losers' connections were closed: each server saw its client go away mid-request.
        for loser in [servers[0], servers[2]] {
            let left = await loser.waitForEarlyDisconnects(1, timeout: .seconds(3))
            #expect(left && loser.disconnectedEarly == 1, "disconnectedEarly \(loser.disconnectedEarly)")
        }
        #expect(servers[1].disconnectedEarly == 0)
    }

    @Test func firstWithJSONNamesTheWinner() async throws {
        let (servers, env) = try Self.servers()
        defer { servers.forEach { $0.stop() } }
        servers[0].setDefaultFault(MockFault(firstByteDelay: .seconds(5)))
        servers[1].setDefaultFault(MockFault(firstByteDelay: .seconds(5)))
        let result = try await CLIRunner.run(Self.arguments(["--first", "--json", "hi"]), environment: env)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["winner"] as? String == Self.models[2])
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.count == 3)
        #expect((results[0]["error"] as? [String: Any])?["kind"] as? String == "cancelled")
        #expect(results[2]["text"] as? String == "gamma says hello")
    }

    @Test func oneModelIsAUsageError() async throws {
        let result = try await CLIRunner.run(["compare", "-m", "openai:gpt-4o-mini", "hi"], environment: CLIRunner.baseEnvironment())
        #expect(result.status == 2)
        #expect(result.stderr.contains("at least two models"), "\(result.stderr)")
    }
}
