import LLMClient
import LLMCore

/// libedit's key maps.
public enum EditorMode: String, Sendable, CaseIterable, Codable {
    case emacs, vi
}

/// REPL preferences the config file can set; every field has a built-in default.
public struct REPLOptions: Sendable, Hashable {
    /// Print the dim one-line timing summary after each reply.
    public var summary: Bool
    /// The key map; when set it wins over `~/.editrc`, when nil emacs unless `~/.editrc` says `bind -v`.
    public var editorMode: EditorMode?
    /// Most history entries kept on disk and in memory.
    public var historySize: Int
    /// Keep history across runs at all (off: nothing is read or written).
    public var saveHistory: Bool
    /// Colour the prompt and dim the summaries (also off when NO_COLOR is set or TERM=dumb).
    public var color: Bool

    public init(summary: Bool = true, editorMode: EditorMode? = nil, historySize: Int = 1000,
                saveHistory: Bool = true, color: Bool = true) {
        self.summary = summary
        self.editorMode = editorMode
        self.historySize = historySize
        self.saveHistory = saveHistory
        self.color = color
    }
}

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

    public init(model: String? = nil, system: String? = nil, temperature: Double? = nil, maxTokens: Int? = nil,
                stream: Bool = true, sessionName: String? = nil, continueLast: Bool = false,
                completionModels: [String] = REPLLaunch.builtInModels(), options: REPLOptions = .init(),
                policy: ResiliencePolicy = .default) {
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
    public static func builtInModels(vendors: [OpenAICompatibleVendor] = OpenAICompatibleVendor.all) -> [String] {
        var refs = Set(vendors.flatMap { vendor in
            // Placeholders such as `<your-deployment-name>` are documentation, not completions.
            vendor.exampleModels.filter { !$0.hasPrefix("<") }.map { "\(vendor.name):\($0)" }
        })
        refs.formUnion(ModelResolver.builtInDefaults.map(\.ref))
        refs.insert("offline:\(OfflineModel.modelName)")
        return refs.sorted()
    }

    /// What the config file adds: its aliases, the refs they stand for, and the `[models."p:m"]` keys.
    public static func configModels(_ config: LLMConfig) -> [String] {
        Set(Array(config.aliases.keys) + Array(config.aliases.values) + Array(config.models.keys)).sorted()
    }
}
