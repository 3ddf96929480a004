import LLMCore

/// A tool as llmctl offers it: the definition the model sees, and how llmctl runs it (if it can).
public struct ToolSpec: Sendable, Hashable {
    public var definition: ToolDefinition
    /// The argv that implements it; nil when calls are handed back to the caller (`ask` prints them).
    public var command: [String]?
    /// Ask before each run in the REPL.
    public var confirm: Bool
    /// Seconds a run may take.
    public var timeout: Double

    /// How long a tool command may run when its config says nothing.
    public static let defaultTimeout = 60.0

    public init(definition: ToolDefinition, command: [String]? = nil, confirm: Bool = true,
                timeout: Double = ToolSpec.defaultTimeout) {
        self.definition = definition
        self.command = command
        self.confirm = confirm
        self.timeout = timeout
    }

    public var name: String { definition.name }
}
