import ConversationLog
import Foundation
import LLMCore
import Testing

/// The log on a real SQLite file: writes, continuing a conversation, search, stats, pruning, and the
/// files it refuses.
struct ConversationLogTests {
    func freshPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("llmctl-log-\(UUID().uuidString)/logs.db").path
    }

    func entry(_ conversation: String, prompt: String, reply: String, model: String = "openai:gpt-4o-mini",
               ttft: Double = 100, total: Double = 500, reused: Bool = true, error: String? = nil,
               at date: Date = Date(), image: ImageAttachment? = nil) -> LogEntry {
        let user = ChatMessage(role: .user, parts: (image.map { [ContentPart.image($0)] } ?? []) + [.text(prompt)])
        let stats = RequestStats(provider: "openai", model: model, ttftMs: ttft, totalMs: total, outputTokens: 5,
                                 tokensPerSecond: 10, connection: ConnectionStats(reused: reused, httpVersion: "2"))
        return LogEntry(conversationID: conversation, command: "ask", createdAt: date, model: model, provider: "openai",
                        system: "be terse", prompt: prompt, request: [user],
                        reply: error == nil ? ChatMessage(role: .assistant, parts: [.reasoning(ReasoningBlock(text: "hmm", signature: "sig")), .text(reply)]) : nil,
                        finishReason: "stop", usage: Usage(inputTokens: 3, outputTokens: 5), stats: stats,
                        errorKind: error, errorMessage: error.map { "failed: \($0)" }, result: #"{"text":"\#(reply)"}"#)
    }

    @Test func fileIsPrivateAndExchangesComeBack() throws {
        let path = freshPath()
        let log = try ConversationLog(path: path)
        let id = try log.record(entry("c1", prompt: "What is TCP?", reply: "A transport protocol."))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: (path as NSString).deletingLastPathComponent)[.posixPermissions] as? Int
        #expect(folder == 0o700)
        let got = try #require(try log.exchange(id: id))
        #expect(got.prompt == "What is TCP?")
        #expect(got.reply == "A transport protocol.")
        #expect(got.connectionReused == true)
        #expect(got.replyMessage?.reasoning.first?.signature == "sig")
        #expect(try log.lastExchangeID() == id)
    }

    @Test func conversationsContinueWithTheirTurnsAndReplies() throws {
        let log = try ConversationLog(path: freshPath())
        try log.record(entry("c1", prompt: "one", reply: "1"))
        try log.record(entry("c2", prompt: "other", reply: "x"))
        try log.record(entry("c1", prompt: "two", reply: "", error: "server"))
        try log.record(entry("c1", prompt: "three", reply: "3"))
        let (messages, system, model) = try log.conversation("c1")
        #expect(messages.map(\.content) == ["one", "1", "three", "3"])
        #expect(messages.map(\.role) == [.user, .assistant, .user, .assistant])
        #expect(messages[1].reasoning == [ReasoningBlock(text: "hmm", signature: "sig")])
        #expect(system == "be terse")
        #expect(model == "openai:gpt-4o-mini")
        #expect(try log.latestConversationID() == "c1")
        let list = try log.conversations(limit: 10)
        #expect(list.map(\.id) == ["c1", "c2"])
        #expect(list[0].firstPrompt == "one")
        #expect(list[0].exchanges == 3)
        #expect(try log.conversationID(matching: "c") == nil)  // ambiguous
        #expect(try log.conversationID(matching: "c2") == "c2")
    }

    @Test func imagesAreKeptAsHashesOnly() throws {
        let path = freshPath()
        let log = try ConversationLog(path: path)
        let secretBytes = Array("PIXELS-SHOULD-NOT-BE-STORED".utf8)
        try log.record(entry("c1", prompt: "what is this", reply: "a cat", image: ImageAttachment(mediaType: "image/png", bytes: secretBytes)))
        let (messages, _, _) = try log.conversation("c1")
        #expect(messages[0].content.contains("image/png attachment, sha256 "))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path)) + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
        #expect(bytes.range(of: Data(secretBytes)) == nil)
    }

    @Test func searchFindsWordsInPromptsAndReplies() throws {
        let log = try ConversationLog(path: freshPath())
        try log.record(entry("c1", prompt: "Explain keep-alive", reply: "Connections are reused."))
        try log.record(entry("c2", prompt: "Write a haiku", reply: "Autumn moonlight"))
        #expect(try log.search("moonlight", limit: 10).map(\.prompt) == ["Write a haiku"])
        #expect(try log.search("keep-alive", limit: 10).map(\.prompt) == ["Explain keep-alive"])
        #expect(try log.search("\"unbalanced", limit: 10).isEmpty)
    }

    @Test func statsPercentilesMatchAKnownSet() throws {
        let log = try ConversationLog(path: freshPath())
        for i in 1...20 {
            try log.record(entry("c\(i)", prompt: "p\(i)", reply: "r", ttft: Double(i * 10), total: Double(i * 100), reused: i % 4 != 0))
        }
        try log.record(entry("e", prompt: "bad", reply: "", error: "rate_limited"))
        try log.record(entry("o", prompt: "other", reply: "r", model: "anthropic:claude", ttft: 7, total: 70))
        let stats = try log.stats()
        let openai = try #require(stats.first { $0.model == "openai:gpt-4o-mini" })
        #expect(openai.count == 21)
        #expect(openai.ttftP50 == 100)   // nearest rank: 10th of 10…200
        #expect(openai.ttftP95 == 190)   // 19th
        #expect(openai.totalP50 == 1000)
        #expect(openai.totalP95 == 1900)
        #expect(openai.errors == ["rate_limited": 1])
        #expect(openai.reusePercent.map { ($0 * 10).rounded() / 10 } == 76.2)  // 16 of 21
        #expect(try log.stats(model: "anthropic:claude").map(\.count) == [1])
        #expect(try log.stats(since: Date().addingTimeInterval(60)).isEmpty)
    }

    @Test func pruneAndDeleteRemoveRowsAndEmptyConversations() throws {
        let log = try ConversationLog(path: freshPath())
        try log.record(entry("old", prompt: "old", reply: "r", at: Date().addingTimeInterval(-40 * 86_400)))
        let keep = try log.record(entry("new", prompt: "new", reply: "r"))
        #expect(try log.prune(olderThan: Date().addingTimeInterval(-30 * 86_400)) == 1)
        #expect(try log.conversations(limit: 10).map(\.id) == ["new"])
        #expect(try log.search("old", limit: 10).isEmpty)
        #expect(try log.delete(exchange: keep))
        #expect(try !log.delete(exchange: keep))
        #expect(try log.recent(limit: 5).isEmpty)
    }

    @Test func namesBelongToOneConversation() throws {
        let log = try ConversationLog(path: freshPath())
        var first = entry("c1", prompt: "a", reply: "b")
        first.conversationName = "work"
        try log.record(first)
        #expect(try log.conversationID(named: "work") == "c1")
        try log.record(entry("c2", prompt: "c", reply: "d"))
        try log.name("c2", as: "work")
        #expect(try log.conversationID(named: "work") == "c2")
    }

    @Test func twoWritersAtOnceBothSucceed() async throws {
        let path = freshPath()
        _ = try ConversationLog(path: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    let log = try ConversationLog(path: path)
                    for i in 0..<50 { try log.record(self.entry("w\(writer)", prompt: "p\(i)", reply: "r")) }
                }
            }
            try await group.waitForAll()
        }
        #expect(try ConversationLog(path: path).recent(limit: 1000).count == 100)
    }

    @Test func refusesCorruptAndNewerFiles() throws {
        let corrupt = freshPath()
        try FileManager.default.createDirectory(atPath: (corrupt as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: corrupt))
        #expect { _ = try ConversationLog(path: corrupt) } throws: { "\($0)".contains("not a valid llmctl log") }

        let newer = freshPath()
        let log = try ConversationLog(path: newer)
        try log.record(entry("c", prompt: "p", reply: "r"))
        // A migration this llmctl does not know, as a newer llmctl would have recorded it.
        try log.rawExecute("INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
        let before = try Data(contentsOf: URL(fileURLWithPath: newer))
        #expect { _ = try ConversationLog(path: newer) } throws: { "\($0)".contains("newer llmctl") }
        #expect(try Data(contentsOf: URL(fileURLWithPath: newer)) == before)
    }
}
