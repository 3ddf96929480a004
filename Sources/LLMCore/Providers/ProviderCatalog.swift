/// Every provider llmctl knows, as rows, and which code speaks each wire protocol.
///
/// To add a provider: one row in `builtInRows` (an OpenAI-compatible vendor needs nothing else); a new
/// wire protocol also needs its folder under `Providers/` and one entry in `builtInImplementations`.
public struct ProviderCatalog: Sendable {
    /// The rows in order of preference: when no model is named, the first row whose credentials are
    /// set supplies the default model.
    public var rows: [ProviderRow]
    /// Wire protocol → implementation.
    public var implementations: [ProviderKind: any ChatProvider]

    /// A catalog; tests pass their own rows or implementations.
    public init(rows: [ProviderRow] = ProviderCatalog.builtInRows,
                implementations: [ProviderKind: any ChatProvider] = ProviderCatalog.builtInImplementations) {
        self.rows = rows
        self.implementations = implementations
    }

    /// The built-in catalog.
    public static let builtIn = ProviderCatalog()

    /// Wire protocol → implementation.
    public static let builtInImplementations: [ProviderKind: any ChatProvider] = [
        .openAI: OpenAIProvider(kind: .openAI),
        .azureOpenAI: OpenAIProvider(kind: .azureOpenAI),
        .anthropic: AnthropicProvider(),
        .gemini: GeminiProvider(),
        .ollama: OllamaProvider(),
        .bedrock: BedrockProvider(),
    ]

    /// The row called `name` (case-insensitive), if any.
    public func row(named name: String) -> ProviderRow? {
        let lowered = name.lowercased()
        return rows.first { $0.name == lowered }
    }

    /// The implementation of a wire protocol; throws `ConfigError` when this build has none.
    public func provider(for kind: ProviderKind) throws -> any ChatProvider {
        guard let provider = implementations[kind] else {
            throw ConfigError(message: "the \(kind.rawValue) protocol is not supported by this build of llmctl; pick another model with -m provider:model")
        }
        return provider
    }

    /// Every provider name, sorted.
    public var names: [String] { rows.map(\.name).sorted() }

    /// The rows whose credentials select a default model, in order of preference.
    public var defaultModelRows: [ProviderRow] { rows.filter { $0.defaultModel != nil } }

    /// The variables whose presence selects a default model, in order of preference.
    public var defaultModelVariables: [String] { defaultModelRows.flatMap(\.credentialVariables) }

    /// `provider:model` for every example model of every row, for completion.
    public var exampleRefs: [String] {
        rows.flatMap { row in row.exampleModels.map { "\(row.name):\($0)" } + (row.defaultModelRef.map { [$0] } ?? []) }
    }
}
