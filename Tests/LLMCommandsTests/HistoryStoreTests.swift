import Foundation
import LLMCore
import Testing
@testable import LLMCommands
@testable import Terminal

@Suite("History")
struct HistoryStoreTests {
    let dir = SessionFileTests.temporaryDirectory()

    @Test func knownSecretsAreScrubbed() {
        let store = HistoryStore(path: dir + "/h", redactor: Redactor(secrets: ["hunter2-password"]))
        #expect(store.entry(for: "log in with hunter2-password please") == "log in with <redacted> please")
    }

    @Test(arguments: [
        "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789",
        "export OPENAI_API_KEY=sk-abc123def456ghi789",
        "my key: AKIAIOSFODNN7EXAMPLE1234",
        "curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9abcdef'",
        "token ghp_16C7e42F292c6912E7710c838347Ae178B4a",
        "aZ3kq9Lm2Nx8Pw4Rt6Yv1Bc5Df7Gh0Jk2Lm4",
        "-----BEGIN RSA PRIVATE KEY-----",
        "password=correcthorse",
    ])
    func keyLookingLinesAreNeverStored(line: String) {
        #expect(HistoryStore(path: dir + "/h").entry(for: line) == nil)
    }

    @Test(arguments: [
        "explain git commit 3f2a9c8e1b7d6f5a4e3c2b1a0f9e8d7c6b5a4f3e",
        "/model openrouter:meta-llama/Llama-3.1-8B-Instruct",
        "what does the word antidisestablishmentarianism mean",
        "/set temperature 0.7",
    ])
    func ordinaryLinesAreKept(line: String) {
        #expect(HistoryStore(path: dir + "/h").entry(for: line) == line)
    }

    @Test func blankAndSpacePrefixedLinesAreNotStored() {
        let store = HistoryStore(path: dir + "/h")
        #expect(store.entry(for: "   ") == nil)
        #expect(store.entry(for: " private thought") == nil)
    }

    @Test func appendLoadRoundTripWithNewlinesAndMode0600() throws {
        let store = HistoryStore(path: dir + "/state/history", limit: 3)
        for entry in ["one", "two\nlines", "back\\slash", "four", "five"] { try store.append(entry) }
        let mode = try FileManager.default.attributesOfItem(atPath: store.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(store.load() == ["back\\slash", "four", "five"])
        // Loading trimmed the file to the cap.
        let lines = try String(contentsOfFile: store.path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
    }

    @Test func secretsWrittenByAnOlderRunAreDroppedOnLoad() throws {
        let path = dir + "/old-history"
        try Data("hello\nsk-proj-abcdefghijklmnopqrstuvwxyz0123456789\n".utf8).write(to: URL(fileURLWithPath: path))
        let store = HistoryStore(path: path)
        #expect(store.load() == ["hello"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "hello\n")
    }
}
