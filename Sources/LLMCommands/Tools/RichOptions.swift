import LLMCore
import Synchronization
import Terminal

/// The options of `ask`, `compare` and the REPL that go beyond a text prompt.
public struct RichOptions: Sendable {
    /// `--reasoning off|low|medium|high|N`; nil leaves it to the config or the provider.
    public var reasoning: ReasoningSetting?
    /// `--hide-reasoning` / `--show-reasoning`.
    public var reasoningDisplay: ReasoningDisplay
    /// `--tool FILE.json|NAME`, in order.
    public var tools: [String]
    /// `--max-tool-rounds`.
    public var maxToolRounds: Int?
    /// `-a/--attach PATH`: images.
    public var attachments: [String]
    /// `-f/--file PATH`: text files or folders, inlined.
    public var files: [String]

    public init(reasoning: ReasoningSetting? = nil, reasoningDisplay: ReasoningDisplay = .auto, tools: [String] = [],
                maxToolRounds: Int? = nil, attachments: [String] = [], files: [String] = []) {
        self.reasoning = reasoning
        self.reasoningDisplay = reasoningDisplay
        self.tools = tools
        self.maxToolRounds = maxToolRounds
        self.attachments = attachments
        self.files = files
    }
}

/// A count shared with `@Sendable` callbacks.
final class Counter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}

/// Messages a turn added (tool rounds), collected from `@Sendable` callbacks.
final class TurnMessages: Sendable {
    private let list = Mutex<[ChatMessage]>([])
    func append(_ message: ChatMessage) { list.withLock { $0.append(message) } }
    var messages: [ChatMessage] { list.withLock { $0 } }
}
