import LLMClient
import LLMCore
import Terminal

/// What `llmctl` (no subcommand, on a terminal) was asked to start with, after argument parsing.
public struct REPLLaunch: Sendable {
    /// `-m`: the first model wins; nil means the resolver's default (or the resumed session's model).
    public var model: String?
    public var system: String?
    public var temperature: Double?
    public var maxTokens: Int?
    public var stream: Bool
    /// `--session NAME`: resume and autosave this named session.
    public var sessionName: String?
    /// `-c` / `--continue`: resume the session used last.
    public var continueLast: Bool
    /// Model references offered by Tab after `/model` (provider examples, config aliases).
    public var completionModels: [String]
    public var options: REPLOptions
    /// Retries, time limits and circuit breakers for every reply (the same flags as `ask`).
    public var policy: ResiliencePolicy
    /// Reasoning, tools, images and files given on the command line.
    public var rich: RichOptions
    /// `--no-log`: keep this chat out of the conversation log.
    public var noLog = false

    public init(model: String? = nil, system: String? = nil, temperature: Double? = nil, maxTokens: Int? = nil,
                stream: Bool = true, sessionName: String? = nil, continueLast: Bool = false,
                completionModels: [String] = REPLLaunch.builtInModels(), options: REPLOptions = .init(),
                policy: ResiliencePolicy = .default, rich: RichOptions = .init()) {
        self.rich = rich
        self.model = model
        self.system = system
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.stream = stream
        self.sessionName = sessionName
        self.continueLast = continueLast
        self.completionModels = completionModels
        self.options = options
        self.policy = policy
    }

    /// Every provider's example models and built-in defaults as `provider:model`, de-duplicated, sorted.
    public static func builtInModels(catalog: ProviderCatalog = .builtIn) -> [String] {
        // Placeholders such as `<your-deployment-name>` are documentation, not completions.
        var refs = Set(catalog.exampleRefs.filter { !$0.contains("<") })
        refs.insert("offline:\(OfflineModel.modelName)")
        return refs.sorted()
    }

    /// What the config file adds: its aliases, the refs they stand for, and the `[models."p:m"]` keys.
    public static func configModels(_ config: LLMConfig) -> [String] {
        Set(Array(config.aliases.keys) + Array(config.aliases.values) + Array(config.models.keys)).sorted()
    }
}
