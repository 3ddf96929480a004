/// Builds the endpoint for one provider name from the environment, for providers with their own rules
/// (everything that is not an `OpenAICompatibleVendor` row).
public typealias EndpointResolution = @Sendable (EnvironmentResolver) throws -> Endpoint

/// Which code speaks each wire protocol, and how each provider name becomes an endpoint.
///
/// To add a provider: one line in `builtInProviders` for its wire protocol and, unless it is an
/// OpenAI-compatible table row, one line in `builtInResolvers` for its name.
public struct ProviderRegistry: Sendable {
    /// Wire protocol → implementation.
    public static let builtInProviders: [ProviderKind: any ChatProvider] = [
        .openAI: OpenAIProvider(kind: .openAI),
        .azureOpenAI: OpenAIProvider(kind: .azureOpenAI),
        .anthropic: AnthropicProvider(),
        .gemini: GeminiProvider(),
        .ollama: OllamaProvider(),
        .bedrock: BedrockProvider(),
    ]

    /// Provider name → endpoint resolution, for names that are not OpenAI-compatible rows.
    public static let builtInResolvers: [String: EndpointResolution] = [
        "anthropic": { try AnthropicEnvironment.endpoint(environment: $0.environment) },
        "gemini": { try GeminiEnvironment.endpoint(environment: $0.environment) },
        "ollama": { OllamaEnvironment.endpoint(environment: $0.environment) },
        "bedrock": { try BedrockEnvironment.endpoint(environment: $0.environment, readFile: $0.readFile) },
    ]

    public var providers: [ProviderKind: any ChatProvider]
    public var resolvers: [String: EndpointResolution]
    public var vendors: [OpenAICompatibleVendor]

    public init(providers: [ProviderKind: any ChatProvider] = ProviderRegistry.builtInProviders,
                resolvers: [String: EndpointResolution] = ProviderRegistry.builtInResolvers,
                vendors: [OpenAICompatibleVendor] = OpenAICompatibleVendor.all) {
        self.providers = providers
        self.resolvers = resolvers
        self.vendors = vendors
    }

    /// The implementation of a wire protocol; throws `ConfigError` when this build has none.
    public func provider(for kind: ProviderKind) throws -> any ChatProvider {
        guard let provider = providers[kind] else {
            throw ConfigError(message: "the \(kind.rawValue) protocol is not supported by this build of llmctl; pick another model with -m provider:model")
        }
        return provider
    }

    /// Every provider name that resolves, sorted.
    public var knownNames: [String] {
        Array(Set(resolvers.keys).union(vendors.map(\.name))).sorted()
    }
}
