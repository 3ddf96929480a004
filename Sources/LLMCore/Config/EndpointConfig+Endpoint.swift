/// Turning an `[endpoints.NAME]` table into an `Endpoint`, with the environment layered on top.
extension EndpointConfig {
    /// The environment variables of the built-in provider called `name`, which beat the file's values
    /// for an endpoint of the same name and kind (flags > environment > config).
    public struct EnvironmentOverrides: Sendable, Hashable {
        public var baseURL: [String] = []
        public var key: [String] = []
        public var apiVersion: String?
        public var headers: [OpenAICompatibleVendor.HeaderVariable] = []
    }

    /// The overrides for this endpoint: none unless its name and kind are a built-in provider's.
    public var environmentOverrides: EnvironmentOverrides {
        if let vendor = OpenAICompatibleVendor.named(name), vendor.kind == kind {
            return EnvironmentOverrides(baseURL: vendor.baseURLVariable.map { [$0] } ?? [],
                                        key: vendor.keyVariable.map { [$0] } ?? [],
                                        apiVersion: vendor.apiVersionVariable, headers: vendor.headerVariables)
        }
        switch (name, kind) {
        case ("anthropic", .anthropic): return EnvironmentOverrides(baseURL: ["ANTHROPIC_BASE_URL"], key: ["ANTHROPIC_API_KEY"])
        case ("gemini", .gemini): return EnvironmentOverrides(baseURL: ["GOOGLE_GEMINI_BASE_URL"], key: ["GOOGLE_API_KEY", "GEMINI_API_KEY"]) // GOOGLE_API_KEY wins (providers.md §10)
        case ("ollama", .ollama): return EnvironmentOverrides(baseURL: ["OLLAMA_HOST"])
        case ("bedrock", .bedrock):
            return EnvironmentOverrides(baseURL: ["AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL"], key: ["AWS_BEARER_TOKEN_BEDROCK"])
        default: return EnvironmentOverrides()
        }
    }

    /// The usual base URL of a protocol, for endpoints that do not set `base_url`.
    public static func defaultBaseURL(for kind: ProviderKind, environment: [String: String]) -> String? {
        switch kind {
        case .openAI: OpenAICompatibleVendor.named("openai")?.defaultBaseURL
        case .azureOpenAI: nil
        case .anthropic: "https://api.anthropic.com"
        case .gemini: "https://generativelanguage.googleapis.com"
        case .ollama: OllamaEnvironment.defaultBaseURL
        case .bedrock:
            (nonEmpty(environment["AWS_REGION"]) ?? nonEmpty(environment["AWS_DEFAULT_REGION"]))
                .map { "https://bedrock-runtime.\($0).amazonaws.com" }
        }
    }

    /// The endpoint to send requests to.
    /// - Parameters:
    ///   - runKeyCommand: runs `key_cmd` (the caller caches it: once per process) and returns the key.
    ///   - builtIn: the built-in resolution of a provider name, for Bedrock's AWS credentials.
    public func endpoint(environment: [String: String], runKeyCommand: (String) throws -> String,
                         builtIn: (String) throws -> Endpoint) throws -> Endpoint {
        let overrides = environmentOverrides
        let section = "[endpoints.\(name)]"
        let envKey = overrides.key.lazy.compactMap { variable in Self.nonEmpty(environment[variable]).map { (variable, $0) } }.first

        if kind == .bedrock, envKey == nil, key == nil {
            // No key of its own: AWS credentials, region and URL as the built-in provider finds them.
            var endpoint = try builtIn("bedrock")
            endpoint.name = name
            if let base = try environmentBaseURL(overrides, environment) ?? baseURL { endpoint.baseURL = base }
            endpoint.extraHeaders = HTTPHeaders(headers)
            return endpoint
        }

        guard let base = try environmentBaseURL(overrides, environment) ?? baseURL
                ?? Self.defaultBaseURL(for: kind, environment: environment) else {
            throw ConfigError(message: "\(section) needs base_url (or export AWS_REGION) to know where to send requests")
        }
        var secret: (value: String, source: String)?
        if let (variable, value) = envKey {
            secret = (value, variable)
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
            credential = kind == .bedrock ? .bearer(Secret(secret.value), source: secret.source)
                                          : .apiKey(Secret(secret.value), source: secret.source)
        }
        var extra = HTTPHeaders(headers)
        for pair in overrides.headers {
            if let value = Self.nonEmpty(environment[pair.variable]) { extra.set(pair.header, value) }
        }
        var version = overrides.apiVersion.flatMap { Self.nonEmpty(environment[$0]) } ?? apiVersion
        if kind == .azureOpenAI, version == nil, !OpenAIProvider.isAzureV1(base) {
            version = OpenAIProvider.defaultAzureAPIVersion
        }
        let hint: String? = switch key {
        case .environment(let variable): overrides.key.first ?? variable
        case .command: overrides.key.first ?? "key_cmd of \(section)"
        case .literal: overrides.key.first ?? "api_key of \(section)"
        case nil: overrides.key.first
        }
        return Endpoint(name: name, kind: kind, baseURL: base, credential: credential, apiVersion: version,
                        extraHeaders: extra, credentialHint: hint)
    }

    private func environmentBaseURL(_ overrides: EnvironmentOverrides, _ environment: [String: String]) throws -> String? {
        for variable in overrides.baseURL {
            guard let value = Self.nonEmpty(environment[variable]) else { continue }
            if variable == "OLLAMA_HOST" { return OllamaEnvironment.normalizedHost(value) }
            return try NativeWire.baseURL(value, from: variable, example: "https://host/v1")
        }
        return nil
    }

    static func nonEmpty(_ value: String?) -> String? {
        guard let value else { return nil }
        var text = value[...]
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return text.isEmpty ? nil : String(text)
    }
}
