/// Resolves provider names to endpoints from an injected environment (never the process's own), so
/// keys are read per request and tests control every variable.
public struct EnvironmentResolver: Sendable {
    public var environment: [String: String]
    public var registry: ProviderRegistry
    /// Reads a file's text, or nil (Bedrock's ~/.aws/credentials and ~/.aws/config); injected so LLMCore does no I/O.
    public var readFile: @Sendable (String) -> String?

    public init(environment: [String: String], registry: ProviderRegistry = ProviderRegistry(),
                readFile: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.environment = environment
        self.registry = registry
        self.readFile = readFile
    }

    /// The endpoint for `openai`, `azure`, `groq` …; throws `ConfigError` for an unknown name or a missing key.
    public func endpoint(for providerName: String) throws -> Endpoint {
        let name = providerName.lowercased()
        if let resolve = registry.resolvers[name] { return try resolve(self) }
        if let vendor = registry.vendors.first(where: { $0.name == name }) { return try endpoint(for: vendor) }
        let known = registry.knownNames.joined(separator: ", ")
        throw ConfigError(message: "unknown provider '\(providerName)': use one of \(known) (see llmctl models)")
    }

    /// The endpoint an OpenAI-protocol row describes in this environment.
    public func endpoint(for vendor: OpenAICompatibleVendor) throws -> Endpoint {
        let base: String
        if let variable = vendor.baseURLVariable, let value = value(variable) {
            base = try baseURL(value, from: variable)
        } else if let fallback = vendor.defaultBaseURL {
            base = fallback
        } else {
            throw ConfigError.missingVariable(vendor.baseURLVariable ?? "\(vendor.name) base URL",
                                              example: "https://my-resource.openai.azure.com")
        }
        var credential = Credential.none
        if let variable = vendor.keyVariable, let key = value(variable) {
            credential = .apiKey(Secret(key), source: variable)
        } else if let variable = vendor.tokenVariable, let token = value(variable) {
            credential = .bearer(Secret(token), source: variable)
        } else if vendor.keyRequired {
            throw ConfigError.missingVariable(vendor.keyVariable ?? vendor.tokenVariable ?? "the \(vendor.name) API key")
        }
        var headers: HTTPHeaders = [:]
        for pair in vendor.headerVariables {
            if let value = value(pair.variable) { headers.add(pair.header, value) }
        }
        var apiVersion: String?
        if vendor.kind == .azureOpenAI, !OpenAIProvider.isAzureV1(base) {
            apiVersion = vendor.apiVersionVariable.flatMap(value) ?? vendor.defaultAPIVersion
        }
        return Endpoint(name: vendor.name, kind: vendor.kind, baseURL: base, credential: credential,
                        apiVersion: apiVersion, extraHeaders: headers,
                        credentialHint: vendor.keyVariable ?? vendor.tokenVariable)
    }

    /// The variable's value with surrounding spaces removed; empty or blank counts as unset.
    public func value(_ variable: String) -> String? {
        guard let raw = environment[variable] else { return nil }
        let trimmed = raw.trimmingASCIISpaces()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The variable's value, or a `ConfigError` that names it.
    public func required(_ variable: String, example: String? = nil) throws -> String {
        guard let value = value(variable) else { throw ConfigError.missingVariable(variable, example: example) }
        return value
    }

    /// Checks that `text` is an http(s) URL with a host, and drops trailing slashes.
    public func baseURL(_ text: String, from variable: String) throws -> String {
        let lowered = text.lowercased()
        let scheme = ["https://", "http://"].first { lowered.hasPrefix($0) }
        guard let scheme, !URLParts.host(of: text).isEmpty, text.count > scheme.count else {
            throw ConfigError(message: "\(variable) is not an http(s) URL ('\(text)'): set it to something like https://host/v1")
        }
        var url = text
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
