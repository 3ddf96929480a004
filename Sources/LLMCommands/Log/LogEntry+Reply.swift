import ConversationLog
import Foundation
import LLMClient
import LLMCore

extension LogEntry {
    /// The log entry of one reply (or failure): `turn` is what this exchange added before the reply
    /// (the user's message, then tool rounds); `result` the reply or the partial one; `error` why it failed.
    static func exchange(command: String, conversationID: String, conversationName: String? = nil,
                         comparisonID: String? = nil, requested: String? = nil, system: String?, prompt: String,
                         turn: [ChatMessage], result: ChatResult?, error: ErrorReport? = nil, toolRounds: Int = 0) -> LogEntry {
        LogEntry(conversationID: conversationID, conversationName: conversationName, command: command, comparisonID: comparisonID,
                 model: result?.model.description ?? requested, provider: result?.model.provider, system: system, prompt: prompt,
                 request: turn, reply: result.flatMap { $0.producedOutput ? $0.message : nil },
                 finishReason: result?.finishReason, usage: result?.usage, stats: result?.stats,
                 errorKind: error?.kind, errorMessage: error?.message,
                 result: ReplyRecord.line(result, error: error, requested: requested, toolRounds: toolRounds))
    }
}
