import LLMCore
import Synchronization

/// A model reference resolved to the endpoint that will serve it.
public struct ResolvedModel: Sendable {
    public var ref: ModelRef
    public var endpoint: Endpoint
    /// True when no model was named and no credentials were found, so the offline model answers.
    public var isOfflineFallback: Bool
    /// The config file's `[models."provider:model"]` defaults for this model; flags override them.
    public var defaults: ModelDefaults

    public init(ref: ModelRef, endpoint: Endpoint, isOfflineFallback: Bool = false, defaults: ModelDefaults = ModelDefaults()) {
        self.ref = ref
        self.endpoint = endpoint
        self.isOfflineFallback = isOfflineFallback
        self.defaults = defaults
    }
}

/// Turns `provider:model` (or nothing) into an endpoint: flags > environment > config > built-in defaults.
public final class ModelResolver: Sendable {
    /// The variables whose presence selects a default provider, in order of preference.
    public static let credentialVariables = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY",
                                             "AWS_ACCESS_KEY_ID", "AZURE_OPENAI_API_KEY"]

    private let environment: [String: String]
    private let configDefault: String?
    private let aliases: [String: String]
    private let endpointFor: @Sendable (String) throws -> Endpoint
    private let defaultModels: [(variable: String, ref: String)]
    private let offline: OfflineModel
    private let announced = Atomic<Bool>(false)
    /// The config file's named endpoints, consulted before the built-in provider names.
    private let configured: ConfiguredEndpoints?

    public init(environment: [String: String], configDefault: String? = nil, aliases: [String: String] = [:],
                defaultModels: [(variable: String, ref: String)] = ModelResolver.builtInDefaults,
                offline: OfflineModel = .shared, configured: ConfiguredEndpoints? = nil,
                endpointFor: @escaping @Sendable (String) throws -> Endpoint) {
        self.environment = environment
        // Explicit arguments win over the file's values.
        self.configDefault = configDefault ?? configured?.config.defaultModel
        self.aliases = aliases.merging(configured?.config.aliases ?? [:]) { explicit, _ in explicit }
        self.configured = configured
        self.defaultModels = defaultModels
        self.offline = offline
        self.endpointFor = endpointFor
    }

    /// The model each provider defaults to when its credentials are the first found.
    public static let builtInDefaults: [(variable: String, ref: String)] = [
        ("OPENAI_API_KEY", "openai:gpt-4o-mini"),
        ("ANTHROPIC_API_KEY", "anthropic:claude-sonnet-4-5"),
        ("GEMINI_API_KEY", "gemini:gemini-2.5-flash"),
        ("GOOGLE_API_KEY", "gemini:gemini-2.5-flash"),
        ("AWS_BEARER_TOKEN_BEDROCK", "bedrock:anthropic.claude-3-haiku-20240307-v1:0"),
        ("AWS_ACCESS_KEY_ID", "bedrock:anthropic.claude-3-haiku-20240307-v1:0"),
    ]

    public func resolve(_ text: String?) throws -> ResolvedModel {
        let named = text ?? nonEmpty(environment["LLMCTL_MODEL"]) ?? configDefault
        guard let named else {
            for (variable, ref) in defaultModels where nonEmpty(environment[variable]) != nil {
                if let parsed = ModelRef(parsing: ref) { return try resolve(ref: parsed) }
            }
            let endpoint = try offline.endpoint()
            return ResolvedModel(ref: ModelRef(provider: "offline", model: OfflineModel.modelName),
                                 endpoint: endpoint, isOfflineFallback: true)
        }
        let expanded = aliases[named] ?? named
        guard let ref = ModelRef(parsing: expanded) else {
            throw ConfigError(message: "'\(named)' is not a model reference: write provider:model, e.g. openai:gpt-4o-mini (see llmctl models)")
        }
        return try resolve(ref: ref)
    }

    private func resolve(ref: ModelRef) throws -> ResolvedModel {
        let defaults = configured?.config.models[ref.description] ?? ModelDefaults()
        if ref.provider == "offline" {
            return ResolvedModel(ref: ref, endpoint: try offline.endpoint(), defaults: defaults)
        }
        if let endpoint = try configured?.endpoint(named: ref.provider) {
            return ResolvedModel(ref: ref, endpoint: endpoint, defaults: defaults)
        }
        return ResolvedModel(ref: ref, endpoint: try endpointFor(ref.provider), defaults: defaults)
    }

    /// The config file's `fallback` list (models to try in order when the first fails).
    public var fallback: [String] { configured?.config.fallback ?? [] }

    /// True the first time only: the offline notice is printed once per process.
    public func announceOfflineOnce() -> Bool {
        !announced.exchange(true, ordering: .relaxed)
    }

    /// Every credential-looking value in the environment, so no message can leak one.
    public var redactor: Redactor {
        let secretNames = ["KEY", "TOKEN", "SECRET", "PASSWORD"]
        let values = environment.compactMap { name, value -> String? in
            secretNames.contains { name.uppercased().contains($0) } ? value : nil
        }
        return Redactor(secrets: values + (configured?.secrets ?? []))
    }

    private func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }
}
