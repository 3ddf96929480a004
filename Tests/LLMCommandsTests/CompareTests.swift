import Foundation
import LLMClient
import LLMCore
import MockProviders
import Testing
@testable import LLMCommands
import Terminal

/// `CompareRunner` (the library entry point the REPL's `/compare` uses) against in-process MockServers,
/// and the pure parts: line splitting, the table and the JSON.
@Suite(.serialized)
struct CompareTests {
    static let chat = TestContext.chat

    static func start(_ text: String, fault: MockFault? = nil) throws -> MockServer {
        let server = try MockServer(configuration: .init(replyText: text))
        try server.start()
        server.setDefaultFault(fault)
        return server
    }

    static func model(_ server: MockServer, _ name: String) -> ResolvedModel {
        let endpoint = Endpoint(name: name, kind: .openAI, baseURL: server.baseURL + "/v1",
                                credential: .apiKey(Secret("sk-test-0123456789"), source: "TEST_KEY"))
        return ResolvedModel(ref: ModelRef(provider: name, model: "m"), endpoint: endpoint)
    }

    /// A console whose output the test reads back.
    final class Capture: Sendable {
        let sink = CapturingSink()
        let console: Console
        init() { console = Console(sink: sink, terminal: TerminalCapabilities()) }
        func text() -> String { sink.stdout }
    }

    static let request = CompareRequest(messages: [ChatMessage(role: .user, content: "hi")])

    @Test func runAnswersFromEveryModelInBlocks() async throws {
        let servers = try ["one two", "three", "four five six"].map { try Self.start($0) }
        defer { servers.forEach { $0.stop() } }
        let capture = Capture()
        let runner = CompareRunner(client: ResilientClient(client: Self.chat, breakers: BreakerRegistry()), console: capture.console)
        let models = [Self.model(servers[0], "a"), Self.model(servers[1], "b"), Self.model(servers[2], "c")]
        let results = await runner.run(Self.request, models: models, style: .blocks)
        #expect(results.map(\.model.description) == ["a:m", "b:m", "c:m"])
        #expect(results.map(\.result.text) == ["one two", "three", "four five six"])
        #expect(results.allSatisfy { $0.answered })
        #expect(capture.text() == "== a:m ==\none two\n\n== b:m ==\nthree\n\n== c:m ==\nfour five six\n")
        let table = CompareReport.table(results)
        #expect(table.split(separator: "\n").count == 4)
        #expect(CompareCommand.status(of: results) == .success)
    }

    @Test func raceKeepsTheFirstAndAbortsTheOthers() async throws {
        let slow = MockFault(firstByteDelay: .seconds(5))
        let servers = [try Self.start("slow one", fault: slow), try Self.start("quick"),
                       try Self.start("slow two", fault: slow)]
        defer { servers.forEach { $0.stop() } }
        // The winner answers only once the losers' servers have read their requests, so each has a
        // request in flight to cancel.
        servers[1].holdReplies()
        let losersAsked = Task {
            let first = await servers[0].waitForRequests(1)
            let second = await servers[2].waitForRequests(1)
            servers[1].releaseReplies()
            return first && second
        }
        let capture = Capture()
        let runner = CompareRunner(client: ResilientClient(client: Self.chat, breakers: BreakerRegistry()), console: capture.console)
        let models = [Self.model(servers[0], "a"), Self.model(servers[1], "b"), Self.model(servers[2], "c")]
        let clock = ContinuousClock()
        let started = clock.now
        let (winner, results) = await runner.race(Self.request, models: models)
        #expect(await losersAsked.value, "the losers' servers never received their requests")
        #expect(clock.now - started < .seconds(3))
        #expect(winner == 1)
        #expect(results[1].answered && results[1].result.text == "quick")
        #expect(results[0].cancelled && results[2].cancelled)
        #expect(capture.text() == "quick\n")
        for loser in [servers[0], servers[2]] {
            _ = await loser.waitForEarlyDisconnects(1, timeout: .seconds(3))
            #expect(loser.disconnectedEarly == 1)
        }
        let json = CompareReport.json(prompt: "hi", results: results, race: true, winner: winner)
        let parsed = try JSONValue.parse(json)
        #expect(parsed["winner"]?.string == "b:m")
        #expect(parsed["results"]?[0]?["error"]?["kind"]?.string == "cancelled")
        #expect(parsed["results"]?[1]?["error"]?.isNull == true)
    }

    @Test func cancellingTheCallerCancelsEveryModel() async throws {
        let slow = MockFault(firstByteDelay: .seconds(5))
        let servers = [try Self.start("x", fault: slow), try Self.start("y", fault: slow)]
        defer { servers.forEach { $0.stop() } }
        let runner = CompareRunner(client: ResilientClient(client: Self.chat, breakers: BreakerRegistry()), console: Capture().console)
        let models = [Self.model(servers[0], "a"), Self.model(servers[1], "b")]
        let task = Task { await runner.run(Self.request, models: models, style: .silent) }
        // Cancel once both requests are in flight: each server says when it has one.
        for server in servers { #expect(await server.waitForRequests(1), "a request never arrived") }
        task.cancel()
        let results = await task.value
        #expect(results.allSatisfy { $0.cancelled })
        #expect(CompareCommand.status(of: results) == .provider)
    }

    @Test func failuresAreReportedPerModel() async throws {
        let servers = [try Self.start("fine"), try Self.start("x", fault: .http(401))]
        defer { servers.forEach { $0.stop() } }
        let runner = CompareRunner(client: ResilientClient(client: Self.chat, breakers: BreakerRegistry()), console: Capture().console)
        let results = await runner.run(Self.request, models: [Self.model(servers[0], "a"), Self.model(servers[1], "b")], style: .silent)
        #expect(results[0].answered)
        #expect(results[1].error?.kind == "auth")
        #expect(CompareReport.table(results).contains("b:m"))
        #expect(CompareCommand.status(of: results) == .provider)
    }

    @Test func splitterWrapsAtSpacesAndNewlines() {
        var splitter = CompareLineSplitter(width: 10)
        #expect(splitter.feed("hello ") == [])
        #expect(splitter.feed("world, this") == ["hello", "world,"])
        #expect(splitter.feed(" is\nnext") == ["this is"])
        // No space in the second half of the window: a hard break at the width.
        #expect(splitter.feed("averyveryverylongword") == ["nextaveryv", "eryverylon"])
        #expect(splitter.flush() == "gword")
        #expect(splitter.flush() == nil)
    }

    @Test func replCompareUsesTheLastPromptAndTheCurrentModel() {
        var session = REPLSession(model: "openai:gpt-4o-mini", system: "be brief")
        #expect(session.submit("/compare groq:a") == .warn("nothing to compare yet: send a message first"))
        #expect(session.submit("first question") == .send)
        #expect(session.submit("/compare groq:a") == .compare(["openai:gpt-4o-mini", "groq:a"]))
        #expect(session.submit("/compare groq:a mistral:b") == .compare(["groq:a", "mistral:b"]))
        let request = session.compareRequest()
        #expect(request?.messages == [ChatMessage(role: .user, content: "first question")])
        #expect(request?.system == "be brief")
        #expect(CompareRunner.models(fromArguments: "", current: "openai:x") == nil)
    }

    @Test func labelsNumberARepeatedModel() {
        let refs = ["a:m", "b:m", "a:m"].compactMap { ModelRef(parsing: $0) }
        #expect(CompareRunner.labels(refs) == ["a:m #1", "b:m", "a:m #2"])
    }
}
