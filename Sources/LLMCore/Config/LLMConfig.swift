import HTTPMessage
/// The contents of `config.toml`, validated. Every field is optional: an unset value means "not
/// configured", so flags and environment variables layered on top can tell the difference.
public struct LLMConfig: Sendable, Hashable {
    /// The file this came from; nil when there was none.
    public var path: String?
    /// `default_model`: a `provider:model` reference or an alias name.
    public var defaultModel: String?
    /// `fallback`: models tried in order when the first fails.
    public var fallback: [String]
    /// `[aliases]`: short name → `provider:model`.
    public var aliases: [String: String]
    /// `[endpoints.NAME]`, by name.
    public var endpoints: [String: EndpointConfig]
    /// `[models."provider:model"]`, keyed by the normalised reference (provider lowercased).
    public var models: [String: ModelDefaults]
    /// `[repl]`.
    public var repl: REPLConfig
    /// `[network]`.
    public var network: NetworkConfig
    /// `[tools.NAME]`, by name.
    public var tools: [String: ToolConfig]
    /// `log = false` turns the conversation log off.
    public var log: Bool?

    public init(path: String? = nil, defaultModel: String? = nil, fallback: [String] = [],
                aliases: [String: String] = [:], endpoints: [String: EndpointConfig] = [:],
                models: [String: ModelDefaults] = [:], repl: REPLConfig = REPLConfig(),
                network: NetworkConfig = NetworkConfig(), tools: [String: ToolConfig] = [:]) {
        self.tools = tools
        self.path = path
        self.defaultModel = defaultModel
        self.fallback = fallback
        self.aliases = aliases
        self.endpoints = endpoints
        self.models = models
        self.repl = repl
        self.network = network
    }

    /// The configuration when there is no file.
    public static let empty = LLMConfig()

    /// True when some endpoint holds its key in the file itself (`api_key = "…"`).
    public var hasLiteralKey: Bool {
        endpoints.values.contains { if case .literal = $0.key { true } else { false } }
    }

    /// Secrets written in the file (literal keys, sensitive header values), for redaction.
    public var literalSecrets: [String] {
        endpoints.values.flatMap { endpoint -> [String] in
            var secrets = endpoint.headers.filter { EndpointConfig.isSensitiveHeader($0.name) }.map(\.value)
            if case .literal(let secret) = endpoint.key { secrets.append(secret.value) }
            return secrets
        }
    }
}

/// Where an endpoint's key comes from.
public enum KeySource: Sendable, Hashable {
    /// `api_key_env`: the name of an environment variable holding the key.
    case environment(String)
    /// `key_cmd`: a shell command whose standard output is the key, run once per process.
    case command(String)
    /// `api_key`: the key itself, written in the file.
    case literal(Secret)
}

/// One `[endpoints.NAME]` table: a named place to send requests, used as `NAME:model`.
public struct EndpointConfig: Sendable, Hashable {
    public var name: String
    public var kind: ProviderKind
    /// Without trailing slashes; nil means the kind's usual URL.
    public var baseURL: String?
    public var key: KeySource?
    public var apiVersion: String?
    /// `headers`, sorted by name.
    public var headers: [HTTPHeaders.Field]
    /// The line of the `[endpoints.NAME]` header, for messages.
    public var line: Int

    public init(name: String, kind: ProviderKind, baseURL: String? = nil, key: KeySource? = nil,
                apiVersion: String? = nil, headers: [HTTPHeaders.Field] = [], line: Int = 0) {
        self.name = name
        self.kind = kind
        self.baseURL = baseURL
        self.key = key
        self.apiVersion = apiVersion
        self.headers = headers
        self.line = line
    }

    /// Headers whose values are credentials and are shown as `<redacted>`.
    public static func isSensitiveHeader(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered == "authorization" || lowered == "cookie"
            || ["key", "token", "secret", "password", "auth"].contains { lowered.contains($0) }
    }
}

/// `[models."provider:model"]`: defaults a flag overrides.
public struct ModelDefaults: Sendable, Hashable {
    public var temperature: Double?
    public var maxTokens: Int?
    public var system: String?
    /// `reasoning = "high"` or a token budget.
    public var reasoning: ReasoningSetting?
    /// `tools = ["get_weather"]`: configured tools offered to this model by default.
    public var tools: [String]

    public init(temperature: Double? = nil, maxTokens: Int? = nil, system: String? = nil,
                reasoning: ReasoningSetting? = nil, tools: [String] = []) {
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.system = system
        self.reasoning = reasoning
        self.tools = tools
    }
}

/// `[tools.NAME]`: a tool the model may be offered (`--tool NAME`, or `tools = [...]` per model).
public struct ToolConfig: Sendable, Hashable {
    /// Where the JSON Schema of the parameters comes from.
    public enum Parameters: Sendable, Hashable {
        /// An inline TOML table, converted to JSON.
        case inline(JSONValue)
        /// A path to a JSON Schema file (relative paths are relative to the config file's folder).
        case file(String)
    }

    public var name: String
    public var description: String?
    public var parameters: Parameters?
    /// The argv that implements the tool (run without a shell, arguments as JSON on stdin); nil when
    /// the tool is only offered and its calls are handed back to the caller.
    public var command: [String]?
    /// Ask before running it in the REPL (default true).
    public var confirm: Bool
    /// Seconds the command may run.
    public var timeout: Double?
    /// The line of the `[tools.NAME]` header, for messages.
    public var line: Int

    public init(name: String, description: String? = nil, parameters: Parameters? = nil, command: [String]? = nil,
                confirm: Bool = true, timeout: Double? = nil, line: Int = 0) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.command = command
        self.confirm = confirm
        self.timeout = timeout
        self.line = line
    }
}

/// `[repl]`: interactive-session options; nil means the REPL's built-in default.
public struct REPLConfig: Sendable, Hashable {
    /// Line-editing keys.
    public enum EditorMode: String, Sendable, Hashable, CaseIterable {
        case emacs, vi
    }

    /// Print the one-line stats summary after each reply.
    public var summary: Bool?
    /// Overrides the bindings `~/.editrc` chooses.
    public var editor: EditorMode?
    /// How many history entries to keep.
    public var historySize: Int?
    /// Keep history across runs at all.
    public var saveHistory: Bool?
    /// Colour the prompt and dim the summaries.
    public var color: Bool?

    public init(summary: Bool? = nil, editor: EditorMode? = nil, historySize: Int? = nil,
                saveHistory: Bool? = nil, color: Bool? = nil) {
        self.summary = summary
        self.editor = editor
        self.historySize = historySize
        self.saveHistory = saveHistory
        self.color = color
    }
}

/// `[network]`: timeouts in seconds and retry limits; nil means the built-in default.
public struct NetworkConfig: Sendable, Hashable {
    public var connectTimeout: Double?
    public var firstTokenTimeout: Double?
    public var idleTimeout: Double?
    /// `timeout`: the whole request, retries and fallback included.
    public var totalTimeout: Double?
    public var retries: Int?
    public var maxConnections: Int?
    public var maxHostConnections: Int?
    /// The most all retry waits of one request may add up to.
    public var maxRetryWait: Double?
    /// Consecutive failures that open an endpoint's circuit breaker (0 = off).
    public var breakerThreshold: Int?
    public var breakerCooldown: Double?

    public init(connectTimeout: Double? = nil, firstTokenTimeout: Double? = nil, idleTimeout: Double? = nil,
                totalTimeout: Double? = nil, retries: Int? = nil, maxConnections: Int? = nil,
                maxHostConnections: Int? = nil, maxRetryWait: Double? = nil, breakerThreshold: Int? = nil,
                breakerCooldown: Double? = nil) {
        self.connectTimeout = connectTimeout
        self.firstTokenTimeout = firstTokenTimeout
        self.idleTimeout = idleTimeout
        self.totalTimeout = totalTimeout
        self.retries = retries
        self.maxConnections = maxConnections
        self.maxHostConnections = maxHostConnections
        self.maxRetryWait = maxRetryWait
        self.breakerThreshold = breakerThreshold
        self.breakerCooldown = breakerCooldown
    }

    /// The retry, timeout and breaker values as the layer under the flags:
    /// `flags.overriding(config.network.resilience)`.
    public var resilience: ResilienceSettings {
        ResilienceSettings(retries: retries, connectTimeout: connectTimeout, firstTokenTimeout: firstTokenTimeout,
                           idleTimeout: idleTimeout, totalTimeout: totalTimeout, maxRetryWait: maxRetryWait,
                           breakerThreshold: breakerThreshold, breakerCooldown: breakerCooldown)
    }
}
