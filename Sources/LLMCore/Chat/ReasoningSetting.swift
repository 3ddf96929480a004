/// How much a model should reason before it answers (`--reasoning off|low|medium|high|N`).
public enum ReasoningSetting: Sendable, Hashable {
    case off
    case low, medium, high
    /// A budget in tokens, for providers that take one (Anthropic, Gemini, Bedrock Claude).
    case budget(Int)

    /// Parses `off`, `none`, `low`, `medium`, `high` or a positive token count.
    public init?(_ text: String) {
        switch text.lowercased() {
        case "off", "none", "0": self = .off
        case "low", "minimal": self = .low
        case "medium": self = .medium
        case "high": self = .high
        default:
            guard let tokens = Int(text), tokens > 0 else { return nil }
            self = .budget(tokens)
        }
    }

    /// How the setting is written back (`/set reasoning`, `--json`).
    public var name: String {
        switch self {
        case .off: "off"
        case .low: "low"
        case .medium: "medium"
        case .high: "high"
        case .budget(let tokens): String(tokens)
        }
    }

    /// A token budget for providers that take one: effort levels map to the budgets Anthropic's and
    /// Google's docs use as examples; nil for `off`.
    public var budgetTokens: Int? {
        switch self {
        case .off: nil
        case .low: 1024
        case .medium: 4096
        case .high: 16384
        case .budget(let tokens): tokens
        }
    }

    /// An effort level for providers that take one (OpenAI `reasoning_effort`, Ollama `think`):
    /// a budget maps to the nearest level; nil for `off`.
    public var effort: String? {
        switch self {
        case .off: nil
        case .low: "low"
        case .medium: "medium"
        case .high: "high"
        case .budget(let tokens): tokens <= 2048 ? "low" : tokens <= 8192 ? "medium" : "high"
        }
    }
}
