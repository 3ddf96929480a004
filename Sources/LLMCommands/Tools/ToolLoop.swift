import Foundation
import LLMClient
import LLMCore

/// What the user decided about one tool run (the REPL asks unless the tool says `confirm = false`).
public enum ToolApproval: Sendable, Hashable {
    case run
    case decline
    /// Run this one and every later call of the same tool in this session without asking.
    case always
}

/// Drives a conversation through tool calls: send, run the tools the model called, send their results,
/// until the model answers without calling a tool (or a limit is reached).
public struct ToolLoop: Sendable {
    public var tools: [ToolSpec]
    public var maxRounds: Int
    public var environment: [String: String]

    /// The most tool rounds when the user sets none.
    public static let defaultMaxRounds = 8

    public init(tools: [ToolSpec], maxRounds: Int = ToolLoop.defaultMaxRounds, environment: [String: String]) {
        self.tools = tools
        self.maxRounds = maxRounds
        self.environment = environment
    }

    /// How a loop ended.
    public struct Outcome: Sendable {
        /// The last reply.
        public var result: ChatResult
        /// Tool rounds run (each: the calls of one reply, run and answered).
        public var rounds: Int
        /// Calls of the last reply that llmctl did not run: tools without a command, unknown tools, or
        /// the round limit reached. Empty when the model gave its final answer.
        public var unanswered: [ToolCall]
        /// Why `unanswered` is not empty, for a note.
        public var stopReason: String?
    }

    /// Sends `request` and follows tool calls. Every message added to the conversation (the assistant's
    /// tool-call turns and the tool results) goes to `onMessage` as it happens, so a failure later
    /// keeps what came before; `onCall` and `onResult` show progress; `approve` asks before a run.
    public func run(_ request: ChatRequest,
                    send: @Sendable (ChatRequest) async throws -> ChatResult,
                    approve: @Sendable (ToolCall, ToolSpec) async -> ToolApproval = { _, _ in .run },
                    onMessage: @Sendable (ChatMessage) -> Void = { _ in },
                    onCall: @Sendable (ToolCall) -> Void = { _ in },
                    onResult: @Sendable (ToolCall, ToolResult) -> Void = { _, _ in }) async throws -> Outcome {
        var request = request
        request.tools = tools.map(\.definition)
        var rounds = 0
        var alwaysRun: Set<String> = []
        while true {
            let result = try await send(request)
            let calls = result.toolCalls
            guard !calls.isEmpty else { return Outcome(result: result, rounds: rounds, unanswered: [], stopReason: nil) }
            for call in calls { onCall(call) }
            let specs: [ToolSpec]
            switch runnable(calls) {
            case .failure(let reason):
                return Outcome(result: result, rounds: rounds, unanswered: calls, stopReason: reason.text)
            case .success(let found):
                specs = found
            }
            if rounds >= maxRounds {
                return Outcome(result: result, rounds: rounds, unanswered: calls,
                               stopReason: "stopped after \(maxRounds) tool round\(maxRounds == 1 ? "" : "s"); raise --max-tool-rounds to let the model go on")
            }
            request.messages.append(result.message)
            onMessage(result.message)
            var results: [ContentPart] = []
            for (call, spec) in zip(calls, specs) {
                try Task.checkCancellation()
                var decision = ToolApproval.run
                if spec.confirm, !alwaysRun.contains(spec.name) { decision = await approve(call, spec) }
                if decision == .always { alwaysRun.insert(spec.name) }
                let outcome: ToolCommandRunner.Outcome
                if decision == .decline {
                    outcome = .init(content: "the user declined to run \(spec.name)", isError: true, truncated: false)
                } else {
                    outcome = await ToolCommandRunner.run(argv: spec.command ?? [], arguments: call.arguments,
                                                          timeout: spec.timeout, environment: environment)
                }
                try Task.checkCancellation()
                let toolResult = ToolResult(callID: call.id, name: call.name, content: outcome.content, isError: outcome.isError)
                onResult(call, toolResult)
                results.append(.toolResult(toolResult))
            }
            let toolMessage = ChatMessage(role: .tool, parts: results)
            request.messages.append(toolMessage)
            onMessage(toolMessage)
            rounds += 1
        }
    }

    /// The spec of each call, or why these calls cannot all be run here.
    func runnable(_ calls: [ToolCall]) -> Result<[ToolSpec], StopReason> {
        var specs: [ToolSpec] = []
        for call in calls {
            guard let spec = tools.first(where: { $0.name == call.name }) else {
                return .failure(StopReason(text: "the model called '\(call.name)', a tool it was not offered"))
            }
            guard spec.command != nil else {
                return .failure(StopReason(text: "the model called \(call.name), which has no command to run it; the calls are handed back (see --json)"))
            }
            specs.append(spec)
        }
        return .success(specs)
    }

    struct StopReason: Error {
        var text: String
    }
}
