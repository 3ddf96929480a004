import Testing
@testable import LLMCore

@Suite struct RegistryTests {
    @Test func openAIKindsAreRegistered() throws {
        let registry = ProviderRegistry()
        #expect(try registry.provider(for: .openAI).kind == .openAI)
        #expect(try registry.provider(for: .azureOpenAI).kind == .azureOpenAI)
    }

    @Test func missingKindThrowsConfigError() {
        let registry = ProviderRegistry(providers: [:])
        #expect(throws: ConfigError.self) { try registry.provider(for: .openAI) }
    }

    @Test func customResolversTakePrecedenceAndAreListed() throws {
        let custom: EndpointResolution = { env in
            Endpoint(name: "acme", kind: .openAI, baseURL: try env.required("ACME_URL"))
        }
        let registry = ProviderRegistry(resolvers: ["acme": custom])
        #expect(registry.knownNames.contains("acme"))
        #expect(registry.knownNames == registry.knownNames.sorted())
        let resolver = EnvironmentResolver(environment: ["ACME_URL": "https://acme.test/v1"], registry: registry)
        #expect(try resolver.endpoint(for: "acme").baseURL == "https://acme.test/v1")
    }

    @Test func vendorTableIsWellFormed() {
        let rows = OpenAICompatibleVendor.all
        #expect(Set(rows.map(\.name)).count == rows.count)
        for row in rows {
            #expect(!row.exampleModels.isEmpty, "\(row.name)")
            #expect(row.keyRequired == false || row.keyVariable != nil, "\(row.name)")
            if let base = row.defaultBaseURL {
                #expect(base.hasPrefix("http://") || base.hasPrefix("https://"))
                #expect(!base.hasSuffix("/"))
            }
        }
        #expect(OpenAICompatibleVendor.named("ollama") == nil)  // reserved for the native /api/chat provider
        #expect(OpenAICompatibleVendor.named("ollama-openai") != nil)
    }
}
