import LLMCore

/// The config file's `[endpoints.NAME]` tables as endpoints, with `key_cmd` run once, on first use.
public final class ConfiguredEndpoints: Sendable {
    public let config: LLMConfig
    private let environment: [String: String]
    private let keyCommands: KeyCommandRunner
    private let builtIn: @Sendable (String) throws -> Endpoint

    /// - Parameter builtIn: the built-in resolution of a provider name (Bedrock endpoints take their
    ///   AWS credentials from it).
    public init(config: LLMConfig, environment: [String: String], keyCommands: KeyCommandRunner,
                builtIn: @escaping @Sendable (String) throws -> Endpoint) {
        self.config = config
        self.environment = environment
        self.keyCommands = keyCommands
        self.builtIn = builtIn
    }

    /// The endpoint the file defines as `name`, or nil when it defines none (built-ins then apply).
    public func endpoint(named name: String) throws -> Endpoint? {
        guard let entry = config.endpoints[name.lowercased()] else { return nil }
        return try entry.endpoint(environment: environment,
                                  runKeyCommand: { try keyCommands.key(for: $0, owner: "[endpoints.\(entry.name)]") },
                                  builtIn: builtIn)
    }

    /// Every secret the file leads to: literal keys, sensitive headers, `api_key_env` values, and the
    /// output of key commands that have run.
    public var secrets: [String] {
        let variables = config.endpoints.values.compactMap { entry -> String? in
            if case .environment(let variable) = entry.key { environment[variable] } else { nil }
        }
        return config.literalSecrets + variables + keyCommands.secrets
    }
}
