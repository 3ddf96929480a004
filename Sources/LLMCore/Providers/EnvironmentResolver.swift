import HTTPMessage
/// Resolves built-in provider names to endpoints from the catalog and an injected environment (never
/// the process's own), so keys are read per request and tests control every variable.
public struct EnvironmentResolver: Sendable {
    public var environment: [String: String]
    public var catalog: ProviderCatalog
    /// Reads a file's text, or nil (Bedrock's ~/.aws/credentials and ~/.aws/config); injected so LLMCore does no I/O.
    public var readFile: @Sendable (String) -> String?

    public init(environment: [String: String], catalog: ProviderCatalog = .builtIn,
                readFile: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.environment = environment
        self.catalog = catalog
        self.readFile = readFile
    }

    /// The endpoint for `openai`, `azure`, `groq` …; throws `ConfigError` for an unknown name or a missing key.
    public func endpoint(for providerName: String) throws -> Endpoint {
        guard let row = catalog.row(named: providerName) else {
            let known = catalog.names.joined(separator: ", ")
            throw ConfigError(message: "unknown provider '\(providerName)': use one of \(known) (see llmctl models)")
        }
        return try endpoint(for: row)
    }

    /// The endpoint a row describes in this environment.
    public func endpoint(for row: ProviderRow) throws -> Endpoint {
        if let custom = row.customResolution { return try custom(self) }
        guard let base = try baseURL(for: row) ?? row.defaultBaseURL else {
            throw ConfigError.missingVariable(row.baseURLVariables.first ?? "\(row.name) base URL",
                                              example: "https://my-resource.openai.azure.com")
        }
        var credential = Credential.none
        if let (variable, key) = firstSet(row.keyVariables) {
            credential = .apiKey(Secret(key), source: variable)
        } else if let (variable, token) = firstSet(row.tokenVariables) {
            credential = .bearer(Secret(token), source: variable)
        } else if row.keyRequired {
            throw missingCredential(row)
        }
        var headers: HTTPHeaders = [:]
        for pair in row.headerVariables {
            if let value = value(pair.variable) { headers.add(pair.header, value) }
        }
        return Endpoint(name: row.name, kind: row.kind, baseURL: base, credential: credential,
                        apiVersion: apiVersion(for: row, baseURL: base), extraHeaders: headers,
                        credentialHint: row.hintVariable)
    }

    /// The base URL the row's variables set, checked; nil when none is set.
    public func baseURL(for row: ProviderRow) throws -> String? {
        guard let (variable, text) = firstSet(row.baseURLVariables) else { return nil }
        switch row.baseURLStyle {
        case .ollamaHost: return OllamaHost.baseURL(text)
        case .url: return try baseURL(text, from: variable, example: row.defaultBaseURL ?? "https://host/v1")
        }
    }

    /// The API version to send: the row's variable, else its default; Azure's v1 path takes none.
    public func apiVersion(for row: ProviderRow, baseURL: String) -> String? {
        if row.kind == .azureOpenAI, OpenAIProvider.isAzureV1(baseURL) { return nil }
        return row.apiVersionVariable.flatMap(value) ?? row.defaultAPIVersion
    }

    /// "OPENAI_API_KEY is not set: export it, or pick another model …", naming the row's alternatives.
    public func missingCredential(_ row: ProviderRow) -> ConfigError {
        let primary = row.hintVariable ?? "the \(row.name) API key"
        let others = row.alternativeHints
        let alternatives = others.isEmpty ? "" : " (or \(others.joined(separator: ", ")))"
        return ConfigError(message: "\(primary) is not set: export it\(alternatives), or pick another model with -m provider:model")
    }

    /// The first of `variables` that is set, with its value.
    public func firstSet(_ variables: [String]) -> (variable: String, value: String)? {
        for variable in variables {
            if let value = value(variable) { return (variable, value) }
        }
        return nil
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

    /// Checks that `text` is a usable base URL (`URLParts.baseURLProblem`) and drops trailing slashes.
    public func baseURL(_ text: String, from variable: String, example: String = "https://host/v1") throws -> String {
        try Self.checkedBaseURL(text, from: variable, example: example)
    }

    /// The same check for any variable, with a message that names it.
    public static func checkedBaseURL(_ text: String, from variable: String, example: String) throws -> String {
        if let problem = URLParts.baseURLProblem(text) {
            throw ConfigError(message: "\(variable) is not a usable http(s) URL ('\(text)': \(problem)); set it to something like \(example)")
        }
        return URLParts.trimmingTrailingSlashes(text)
    }
}
