import HTTPMessage
/// Turning an `[endpoints.NAME]` table into an `Endpoint`, with the environment layered on top.
extension EndpointConfig {
    /// The catalog row of the built-in provider this table replaces: same name and same protocol.
    /// Its variables beat the file's values (flags > environment > config); nil for any other name.
    public func builtInRow(in catalog: ProviderCatalog = .builtIn) -> ProviderRow? {
        guard let row = catalog.row(named: name), row.kind == kind else { return nil }
        return row
    }

    /// The usual base URL of a protocol, for endpoints that do not set `base_url`: its native row's default
    /// (Bedrock's from the region).
    public static func defaultBaseURL(for kind: ProviderKind, environment: [String: String],
                                      catalog: ProviderCatalog = .builtIn) -> String? {
        if kind == .bedrock {
            return (nonEmpty(environment["AWS_REGION"]) ?? nonEmpty(environment["AWS_DEFAULT_REGION"]))
                .map { "https://bedrock-runtime.\($0).amazonaws.com" }
        }
        return catalog.rows.first { $0.kind == kind }?.defaultBaseURL
    }

    /// The built-in provider's own variables win over the file's key; a token variable is sent as a
    /// bearer token.
    private func environmentKey(_ resolver: EnvironmentResolver) -> (variable: String, value: String, bearer: Bool)? {
        builtInRow().flatMap { row in
            resolver.firstSet(row.keyVariables).map { ($0.variable, $0.value, false) }
                ?? resolver.firstSet(row.tokenVariables).map { ($0.variable, $0.value, true) }
        }
    }

    /// The `key_cmd` a request must run first, or nil when there is none or the environment supplies
    /// the key (the command then never runs). The caller runs it (off the concurrency pool) and hands
    /// the key to `endpoint(environment:runKeyCommand:builtIn:)`.
    public func pendingKeyCommand(environment: [String: String]) -> String? {
        guard case .command(let command) = key, environmentKey(EnvironmentResolver(environment: environment)) == nil else {
            return nil
        }
        return command
    }

    /// The endpoint to send requests to.
    /// - Parameters:
    ///   - runKeyCommand: runs `key_cmd` (the caller caches it: once per process) and returns the key.
    ///   - builtIn: the built-in resolution of a provider name, for Bedrock's AWS credentials.
    public func endpoint(environment: [String: String], runKeyCommand: (String) throws -> String,
                         builtIn: (String) throws -> Endpoint) throws -> Endpoint {
        let row = builtInRow()
        let resolver = EnvironmentResolver(environment: environment)
        let section = "[endpoints.\(name)]"
        let envKey = environmentKey(resolver)

        if kind == .bedrock, envKey == nil, key == nil {
            // No key of its own: AWS credentials, region and URL as the built-in provider finds them.
            var endpoint = try builtIn("bedrock")
            endpoint.name = name
            if let base = try row.flatMap(resolver.baseURL(for:)) ?? baseURL { endpoint.baseURL = base }
            endpoint.extraHeaders = HTTPHeaders(headers)
            return endpoint
        }

        guard let base = try row.flatMap(resolver.baseURL(for:)) ?? baseURL
                ?? Self.defaultBaseURL(for: kind, environment: environment) else {
            throw ConfigError(message: "\(section) needs base_url (or export AWS_REGION) to know where to send requests")
        }
        var secret: (value: String, source: String)?
        var bearer = kind == .bedrock
        if let envKey {
            secret = (envKey.value, envKey.variable)
            bearer = bearer || envKey.bearer
        } else {
            switch key {
            case .environment(let variable):
                guard let value = Self.nonEmpty(environment[variable]) else {
                    throw ConfigError(message: "\(variable) is not set: export it (api_key_env of \(section) in the config file), or pick another model with -m provider:model")
                }
                secret = (value, variable)
            case .command(let command):
                secret = (try runKeyCommand(command), "key_cmd of \(section)")
            case .literal(let value):
                secret = (value.value, "api_key of \(section)")
            case nil:
                secret = nil
            }
        }
        var credential = Credential.none
        if let secret {
            credential = bearer ? .bearer(Secret(secret.value), source: secret.source)
                                : .apiKey(Secret(secret.value), source: secret.source)
        }
        var extra = HTTPHeaders(headers)
        for pair in row?.headerVariables ?? [] {
            if let value = resolver.value(pair.variable) { extra.set(pair.header, value) }
        }
        var version = row?.apiVersionVariable.flatMap(resolver.value) ?? apiVersion
        if kind == .azureOpenAI, version == nil, !OpenAIProvider.isAzureV1(base) {
            version = OpenAIProvider.defaultAzureAPIVersion
        }
        let builtInHint = row?.hintVariable
        let hint: String? = switch key {
        case .environment(let variable): builtInHint ?? variable
        case .command: builtInHint ?? "key_cmd of \(section)"
        case .literal: builtInHint ?? "api_key of \(section)"
        case nil: builtInHint
        }
        return Endpoint(name: name, kind: kind, baseURL: base, credential: credential, apiVersion: version,
                        extraHeaders: extra, credentialHint: hint)
    }

    static func nonEmpty(_ value: String?) -> String? {
        guard let value else { return nil }
        var text = value[...]
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return text.isEmpty ? nil : String(text)
    }
}
