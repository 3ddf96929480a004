import Foundation
import LLMCore
import LLMClient
import Testing
@testable import LLMCommands
@testable import Terminal

@Suite("Sessions")
struct SessionFileTests {
    static func temporaryDirectory() -> String {
        let dir = NSTemporaryDirectory() + "llmctl-session-tests-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func sampleSession() -> REPLSession {
        var session = REPLSession(model: "openai:gpt-4o-mini", system: "be brief", temperature: 0.3, maxTokens: 200)
        _ = session.submit("hello")
        let stats = RequestStats(provider: "openai", model: "gpt-4o-mini", ttftMs: 12, totalMs: 40, outputTokens: 5,
                                 connection: ConnectionStats(reused: false, httpVersion: "1.1"))
        session.finish(.init(text: "hi there", stats: stats, model: ModelRef(provider: "openai", model: "gpt-4o-mini")))
        _ = session.submit("and more")
        session.fail(.init(text: "partial", stats: stats, model: ModelRef(provider: "openai", model: "gpt-4o-mini")),
                     interrupted: true)
        return session
    }

    @Test func roundTripKeepsMessagesSettingsAndStats() throws {
        let dir = Self.temporaryDirectory()
        let store = SessionStore(paths: StatePaths(root: dir))
        let session = Self.sampleSession()
        let path = dir + "/chat.json"
        try store.save(session.snapshot(), to: path)
        let loaded = try #require(try store.load(path: path))
        var restored = REPLSession()
        restored.restore(loaded)
        #expect(restored.messages == session.messages)
        #expect(restored.model == "openai:gpt-4o-mini")
        #expect(restored.system == "be brief")
        #expect(restored.temperature == 0.3)
        #expect(restored.maxTokens == 200)
        #expect(restored.messages.last?.interrupted == true)
        #expect(restored.messages[1].stats?.ttftMs == 12)

        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"max_tokens\" : 200"))
        #expect(text.contains("\"interrupted\" : true"))
    }

    @Test func secretsAreScrubbedFromFiles() throws {
        let dir = Self.temporaryDirectory()
        let store = SessionStore(paths: StatePaths(root: dir), redactor: Redactor(secrets: ["sk-supersecret123"]))
        var session = REPLSession(model: "openai:gpt-4o-mini")
        _ = session.submit("my key is sk-supersecret123")
        try store.save(session.snapshot(), to: dir + "/s.json")
        let text = try String(contentsOfFile: dir + "/s.json", encoding: .utf8)
        #expect(!text.contains("sk-supersecret123"))
        #expect(text.contains("<redacted>"))
    }

    @Test func badFilesSayWhatIsWrong() throws {
        let dir = Self.temporaryDirectory()
        let store = SessionStore(paths: StatePaths(root: dir))
        try Data("{\"model\": \"x\"}".utf8).write(to: URL(fileURLWithPath: dir + "/bad.json"))
        #expect(throws: SessionError.self) { try store.load(path: dir + "/bad.json") }
        do {
            _ = try store.load(path: dir + "/bad.json")
        } catch let error as SessionError {
            #expect(error.message.contains("missing \"messages\""))
        }
        try Data("not json".utf8).write(to: URL(fileURLWithPath: dir + "/junk.json"))
        #expect(throws: SessionError.self) { try store.load(path: dir + "/junk.json") }
        #expect(try store.load(path: dir + "/missing.json") == nil)
    }

    @Test func conversationNamesArePlainWords() throws {
        try SessionStore.validate("work-1")
        #expect(throws: SessionError.self) { try SessionStore.validate("../etc/passwd") }
        #expect(throws: SessionError.self) { try SessionStore.validate(".hidden") }
        #expect(throws: SessionError.self) { try SessionStore.validate(String(repeating: "a", count: 65)) }
    }

    @Test func statePathsFollowXDG() {
        #expect(StatePaths(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]).history == "/s/llmctl/history")
        #expect(StatePaths(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]).root == "/h/.local/state/llmctl")
        #expect(StatePaths(environment: ["HOME": "/h"]).sessions == "/h/.local/state/llmctl/sessions")
    }
}
