import Foundation
import LLMCore
import LLMClient
import Testing
@testable import LLMCommands
import Terminal

@Suite("REPL session state")
struct REPLSessionTests {
    let ref = ModelRef(provider: "openai", model: "gpt-4o-mini")

    func reply(_ text: String, reused: Bool = true) -> ChatResult {
        ChatResult(text: text, stats: RequestStats(provider: "openai", model: "gpt-4o-mini", ttftMs: 5, totalMs: 20,
                                                   connection: ConnectionStats(reused: reused, httpVersion: "1.1")),
                   model: ref)
    }

    @Test func conversationKeepsContextAcrossTurns() {
        var s = REPLSession(model: ref.description, system: "terse")
        #expect(s.submit("one") == .send)
        s.finish(reply("1"))
        #expect(s.submit("two") == .send)
        let request = s.request(for: ref)
        #expect(request.messages.map(\.content) == ["one", "1", "two"])
        #expect(request.messages.map(\.role) == [.user, .assistant, .user])
        #expect(request.system == "terse")
    }

    @Test func settingsChangeTheNextRequest() {
        var s = REPLSession(model: ref.description)
        #expect(s.submit("/set temperature 0.5") == .say(["temperature: 0.5"]))
        #expect(s.submit("/set max-tokens 64") == .say(["max_tokens: 64"]))
        #expect(s.submit("/set temperature 3") == .warn("temperature must be a number from 0 to 2 (or default)"))
        #expect(s.submit("/set summary off") == .say(["summary: off"]))
        #expect(!s.summary)
        _ = s.submit("hi")
        #expect(s.request(for: ref).options == SamplingOptions(temperature: 0.5, maxTokens: 64))
        #expect(s.submit("/set temprature 1") == .warn("unknown setting temprature — did you mean temperature? (settings: temperature, max_tokens, reasoning, summary)"))
    }

    @Test func systemPromptCommands() {
        var s = REPLSession()
        #expect(s.submit("/system You are a pirate") == .say(["system prompt set"]))
        #expect(s.system == "You are a pirate")
        #expect(s.submit("/system off") == .say(["system prompt cleared"]))
        #expect(s.system == nil)
    }

    @Test func interruptedReplyStaysMarked() {
        var s = REPLSession(model: ref.description)
        _ = s.submit("tell me a story")
        s.fail(reply("Once upon"), interrupted: true)
        #expect(s.messages.last == SessionMessage(role: .assistant, content: "Once upon", interrupted: true,
                                                  model: ref.description, stats: reply("").stats))
        #expect(s.interruptedCount == 1)
        #expect(s.stats.requests.isEmpty)
        // The next turn sends the partial reply as context.
        _ = s.submit("go on")
        #expect(s.request(for: ref).messages.map(\.content) == ["tell me a story", "Once upon", "go on"])
    }

    @Test func failedPromptWithoutTextWaitsForRetry() {
        var s = REPLSession(model: ref.description)
        _ = s.submit("hello")
        s.fail(reply(""), interrupted: false, error: "rate limited")
        #expect(s.messages.isEmpty)
        #expect(s.failedPrompt == "hello")
        #expect(s.submit("/retry") == .send)
        #expect(s.messages.map(\.content) == ["hello"])
    }

    @Test func retryReplacesTheLastReply() {
        var s = REPLSession(model: ref.description)
        _ = s.submit("pick a number")
        s.finish(reply("4"))
        #expect(s.submit("/retry") == .send)
        #expect(s.messages.map(\.content) == ["pick a number"])
        var empty = REPLSession()
        #expect(empty.submit("/retry") == .warn("nothing to retry yet"))
    }

    @Test func clearKeepsModelAndSettings() {
        var s = REPLSession(model: ref.description, system: "x", temperature: 1)
        _ = s.submit("hi")
        s.finish(reply("yo"))
        #expect(s.submit("/clear") == .say(["conversation cleared"]))
        #expect(s.messages.isEmpty)
        #expect(s.model == ref.description && s.system == "x" && s.temperature == 1)
    }

    @Test func commandEffects() {
        var s = REPLSession()
        #expect(s.submit("/model groq:llama-3.1-8b-instant") == .switchModel("groq:llama-3.1-8b-instant"))
        #expect(s.submit("/save ~/chat.json") == .save(path: "~/chat.json"))
        #expect(s.submit("/load") == .warn("usage: /load NAME | PATH"))
        #expect(s.submit("/stats") == .showStats)
        #expect(s.submit("/exit") == .exit)
        #expect(s.submit("/quit") == .exit)
        #expect(s.submit("   ") == .nothing)
        // Inside a block, a leading slash is text.
        #expect(s.submit("/model is a noun", isSingleLine: false) == .send)
    }

    @Test func statsCountOpenedAndReusedConnections() {
        var s = REPLSession(model: ref.description)
        for i in 0..<5 {
            _ = s.submit("q\(i)")
            s.finish(reply("a", reused: i > 0))
        }
        let lines = s.statsLines()
        #expect(lines.contains("connections: 1 opened, 4 reused (80% reuse)"))
        #expect(lines.first == "requests: 5")
    }

    @Test func retriedAttemptsCountTheirOwnConnections() {
        var s = REPLSession(model: ref.description)
        _ = s.submit("q")
        var result = reply("a", reused: true)
        result.stats.attempts = [AttemptRecord(model: ref.description, outcome: .provider(.rateLimited, status: 429), status: 429, reusedConnection: false),
                                 AttemptRecord(model: ref.description, outcome: .ok, reusedConnection: true)]
        s.finish(result)
        #expect(s.statsLines().contains("connections: 1 opened, 1 reused (50% reuse)"))
    }

    @Test func statsShowCircuitsThatAreNotQuietlyClosed() {
        let s = REPLSession(model: ref.description)
        let open = BreakerSnapshot(endpoint: "groq", baseURL: "https://api.groq.com/openai/v1", phase: .open,
                                   consecutiveFailures: 5, threshold: 5,
                                   retryAt: Date().addingTimeInterval(20), retryIn: .seconds(20))
        let healthy = BreakerSnapshot(endpoint: "openai", baseURL: "https://api.openai.com/v1", phase: .closed,
                                      consecutiveFailures: 0, threshold: 5)
        let wobbly = BreakerSnapshot(endpoint: "anthropic", baseURL: "https://api.anthropic.com", phase: .closed,
                                     consecutiveFailures: 2, threshold: 5)
        let lines = s.statsLines(breakers: [open, healthy, wobbly])
        let circuits = lines.filter { $0.hasPrefix("circuit ") }
        #expect(circuits.count == 2)
        #expect(circuits[0] == "circuit anthropic (https://api.anthropic.com): closed (2 recent failures)")
        #expect(circuits[1].hasPrefix("circuit groq (https://api.groq.com/openai/v1): open until "))
        #expect(circuits[1].hasSuffix("(in 20 s)"))
    }
}
