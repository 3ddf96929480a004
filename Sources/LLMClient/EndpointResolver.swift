import LLMCore
import Synchronization

/// Turns a model reference (or nothing) into the endpoint that will serve it, from one place:
/// the provider catalog, the config file, the environment and a key source — flags > environment >
/// config file > built-in defaults. Built once per process and carried in the command context.
///
/// Async because a config endpoint's `key_cmd` runs a child process; the key source waits for it
/// without holding a concurrency thread.
public final class EndpointResolver: Sendable {
    public let catalog: ProviderCatalog
    public let config: LLMConfig
    /// The environment (and file reader) built-in providers are resolved from.
    public let environment: EnvironmentResolver
    private let keys: any KeyCommandSource
    private let offline: OfflineModel
    private let announced = Atomic<Bool>(false)

    public init(environment: EnvironmentResolver, config: LLMConfig = LLMConfig(), keys: any KeyCommandSource,
                offline: OfflineModel) {
        self.catalog = environment.catalog
        self.config = config
        self.environment = environment
        self.keys = keys
        self.offline = offline
    }

    /// The named model, else `LLMCTL_MODEL`, else the config's default, else the first catalog row whose
    /// credentials are set, else the offline model.
    public func resolve(_ text: String?) async throws -> ResolvedModel {
        guard let named = text ?? environment.value("LLMCTL_MODEL") ?? config.defaultModel else {
            for row in catalog.defaultModelRows where environment.firstSet(row.credentialVariables) != nil {
                if let ref = row.defaultModelRef.flatMap(ModelRef.init(parsing:)) { return try await resolve(ref: ref) }
            }
            return ResolvedModel(ref: ModelRef(provider: "offline", model: OfflineModel.modelName),
                                 endpoint: try offline.endpoint(), isOfflineFallback: true)
        }
        let expanded = config.aliases[named] ?? named
        guard let ref = ModelRef(parsing: expanded) else {
            throw ConfigError(message: "'\(named)' is not a model reference: write provider:model, e.g. openai:gpt-4o-mini (see llmctl models)")
        }
        return try await resolve(ref: ref)
    }

    private func resolve(ref: ModelRef) async throws -> ResolvedModel {
        let defaults = config.models[ref.description] ?? ModelDefaults()
        if ref.provider == "offline" {
            return ResolvedModel(ref: ref, endpoint: try offline.endpoint(), defaults: defaults)
        }
        return ResolvedModel(ref: ref, endpoint: try await endpoint(forProvider: ref.provider), defaults: defaults)
    }

    /// The endpoint for a provider name: the config file's `[endpoints.NAME]` table (which replaces a
    /// built-in of the same name), else the catalog row.
    public func endpoint(forProvider name: String) async throws -> Endpoint {
        try await endpoint(forProvider: name, keys: keys)
    }

    /// The same with another key source (`llmctl models` lists without running key commands).
    public func endpoint(forProvider name: String, keys: any KeyCommandSource) async throws -> Endpoint {
        let endpoint = try await unchecked(forProvider: name, keys: keys)
        if let problem = endpoint.insecureCredentialProblem { throw ConfigError(message: problem) }
        return endpoint
    }

    private func unchecked(forProvider name: String, keys: any KeyCommandSource) async throws -> Endpoint {
        guard let entry = config.endpoints[name.lowercased()] else { return try environment.endpoint(for: name) }
        let variables = environment.environment
        var commandKey: String?
        if let command = entry.pendingKeyCommand(environment: variables) {
            commandKey = try await keys.key(for: command, owner: "[endpoints.\(entry.name)]")
        }
        return try entry.endpoint(environment: variables, runKeyCommand: { _ in commandKey ?? "" },
                                  builtIn: { try self.environment.endpoint(for: $0) })
    }

    /// The config file's `fallback` list (models to try in order when the first fails).
    public var fallback: [String] { config.fallback }

    /// True the first time only: the offline notice is printed once per process.
    public func announceOfflineOnce() -> Bool {
        !announced.exchange(true, ordering: .relaxed)
    }

    /// Why the offline model answers, and what to set instead. A provider whose credentials are set but
    /// which has no default model (Azure: the model is a deployment name) is named as such.
    public func offlineNotice(baseURL: String) -> String {
        let start = "using the built-in offline model at \(baseURL)"
        let unusable = catalog.rows.filter { $0.defaultModel == nil && !$0.credentialVariables.isEmpty }
            .compactMap { row in environment.firstSet(row.credentialVariables).map { (row, $0.variable) } }
        if let (row, variable) = unusable.first {
            return "\(variable) is set, but \(row.name) has no default model: name one with -m \(row.name):\(row.exampleModels.first ?? "MODEL") "
                + "or LLMCTL_MODEL; \(start)"
        }
        let variables = catalog.defaultModelVariables.joined(separator: ", ")
        return "no provider credentials found; \(start) (set \(variables) or LLMCTL_MODEL for a real provider)"
    }

    /// Every credential-looking value in the environment and the config file, so no message can leak one.
    public var redactor: Redactor {
        let secretNames = ["KEY", "TOKEN", "SECRET", "PASSWORD"]
        let values = environment.environment.compactMap { name, value -> String? in
            secretNames.contains { name.uppercased().contains($0) } ? value : nil
        }
        let variables = config.endpoints.values.compactMap { entry -> String? in
            if case .environment(let variable) = entry.key { environment.environment[variable] } else { nil }
        }
        return Redactor(secrets: values + config.literalSecrets + variables + keys.secrets)
    }
}
