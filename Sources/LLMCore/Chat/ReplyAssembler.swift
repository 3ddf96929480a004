/// Folds a reply's events into the assistant message they make: reasoning blocks (with signatures),
/// text and tool calls in the order they streamed, plus the usage and finish reason.
///
/// The one place a stream becomes a message, so the next turn sends back exactly what arrived.
public struct ReplyAssembler: Sendable, Hashable {
    public private(set) var parts: [ContentPart] = []
    public private(set) var usage: Usage?
    public private(set) var finishReason: String?
    /// Where each tool call (by its stream index) sits in `parts`.
    private var callPositions: [Int: Int] = [:]

    public init() {}

    public mutating func apply(_ event: ChatEvent) {
        switch event {
        case .text(let piece):
            guard !piece.isEmpty else { return }
            if case .text(let sofar)? = parts.last { parts[parts.count - 1] = .text(sofar + piece) } else { parts.append(.text(piece)) }
        case .reasoning(let piece):
            guard !piece.isEmpty else { return }
            // A signed block is complete: reasoning after it starts a new one.
            if case .reasoning(var block)? = parts.last, block.signature == nil, block.redacted == nil {
                block.text += piece
                parts[parts.count - 1] = .reasoning(block)
            } else {
                parts.append(.reasoning(ReasoningBlock(text: piece)))
            }
        case .reasoningSignature(let signature):
            if let index = parts.lastIndex(where: { if case .reasoning = $0 { true } else { false } }),
               case .reasoning(var block) = parts[index], block.signature == nil {
                block.signature = signature
                parts[index] = .reasoning(block)
            } else {
                parts.append(.reasoning(ReasoningBlock(signature: signature)))
            }
        case .redactedReasoning(let data):
            parts.append(.reasoning(ReasoningBlock(redacted: data)))
        case .toolCallStart(let start):
            callPositions[start.index] = parts.count
            parts.append(.toolCall(ToolCall(id: start.id, name: start.name, arguments: "", signature: start.signature)))
        case .toolCallArguments(let index, let piece):
            if callPositions[index] == nil {
                callPositions[index] = parts.count
                parts.append(.toolCall(ToolCall(id: "", name: "", arguments: "")))
            }
            guard let position = callPositions[index], case .toolCall(var call) = parts[position] else { return }
            call.arguments += piece
            parts[position] = .toolCall(call)
        case .usage(let value):
            usage = value
        case .finish(let reason):
            finishReason = reason
        case .end:
            break
        }
    }

    public mutating func apply(_ events: [ChatEvent]) {
        for event in events { apply(event) }
    }

    /// The assistant message so far.
    public var message: ChatMessage { ChatMessage(role: .assistant, parts: parts) }
    /// The visible answer text.
    public var text: String { message.content }
    /// The reasoning text of every block, joined.
    public var reasoningText: String { message.reasoning.map(\.text).joined() }
    public var toolCalls: [ToolCall] { message.toolCalls }
}
