import Foundation
import LLMCore

/// One exchange to record: the turn that was sent, the reply (or the error), and where the time went.
public struct LogEntry: Sendable {
    public var conversationID: String
    /// The conversation's name when it is a named session (`--session NAME`, `/save NAME`).
    public var conversationName: String?
    /// `repl`, `ask`, `compare` or `batch`.
    public var command: String
    /// Shared by the replies of one `compare` run.
    public var comparisonID: String?
    public var createdAt: Date
    /// `provider:model` that answered (or was asked).
    public var model: String?
    public var provider: String?
    public var system: String?
    /// The turn's prompt text, for listing and search.
    public var prompt: String
    /// The messages this turn added before the reply: the user's message, then any tool rounds.
    public var request: [ChatMessage]
    /// The final assistant message; nil when nothing arrived.
    public var reply: ChatMessage?
    public var finishReason: String?
    public var usage: Usage?
    public var stats: RequestStats?
    /// The error's kind and message when the exchange failed.
    public var errorKind: String?
    public var errorMessage: String?
    /// The exchange as `ask --json` prints it (one line of JSON).
    public var result: String

    public init(conversationID: String, conversationName: String? = nil, command: String, comparisonID: String? = nil,
                createdAt: Date = Date(), model: String?, provider: String?, system: String?, prompt: String,
                request: [ChatMessage], reply: ChatMessage?, finishReason: String? = nil, usage: Usage? = nil,
                stats: RequestStats? = nil, errorKind: String? = nil, errorMessage: String? = nil, result: String) {
        self.conversationID = conversationID
        self.conversationName = conversationName
        self.command = command
        self.comparisonID = comparisonID
        self.createdAt = createdAt
        self.model = model
        self.provider = provider
        self.system = system
        self.prompt = prompt
        self.request = request
        self.reply = reply
        self.finishReason = finishReason
        self.usage = usage
        self.stats = stats
        self.errorKind = errorKind
        self.errorMessage = errorMessage
        self.result = result
    }

    /// A new conversation id: sortable by time, unique enough across processes.
    public static func newConversationID(now: Date = Date()) -> String {
        let millis = Int64(now.timeIntervalSince1970 * 1000)
        let random = UInt32.random(in: 0...UInt32.max)
        return String(millis, radix: 36) + "-" + String(random, radix: 36)
    }
}
