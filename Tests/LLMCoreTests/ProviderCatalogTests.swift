import Testing
@testable import LLMCore

@Suite struct ProviderCatalogTests {
    @Test func everyWireProtocolHasAnImplementation() throws {
        let catalog = ProviderCatalog()
        for kind in ProviderKind.allCases { #expect(try catalog.provider(for: kind).kind == kind) }
    }

    @Test func missingKindThrowsConfigError() {
        let catalog = ProviderCatalog(implementations: [:])
        #expect(throws: ConfigError.self) { try catalog.provider(for: .openAI) }
    }

    @Test func aCustomRowResolvesAndIsListed() throws {
        let custom = ProviderRow(name: "acme", kind: .openAI, defaultBaseURL: "https://acme.test/v1",
                                 keyVariables: ["ACME_KEY"], keyRequired: true, exampleModels: ["m"], summary: "Acme")
        let catalog = ProviderCatalog(rows: ProviderCatalog.builtInRows + [custom])
        #expect(catalog.names.contains("acme"))
        #expect(catalog.names == catalog.names.sorted())
        let resolver = EnvironmentResolver(environment: ["ACME_KEY": "k"], catalog: catalog)
        let endpoint = try resolver.endpoint(for: "acme")
        #expect(endpoint.baseURL == "https://acme.test/v1")
        #expect(endpoint.credential.source == "ACME_KEY")
    }

    @Test func rowsAreWellFormed() {
        let rows = ProviderCatalog.builtInRows
        #expect(Set(rows.map(\.name)).count == rows.count)
        for row in rows {
            #expect(!row.exampleModels.isEmpty, "\(row.name)")
            #expect(row.keyRequired == false || !row.credentialVariables.isEmpty, "\(row.name)")
            if let base = row.defaultBaseURL {
                #expect(base.hasPrefix("http://") || base.hasPrefix("https://"))
                #expect(!base.hasSuffix("/"))
            }
        }
        // `ollama` is the native /api/chat provider; the OpenAI-compatible API has its own row.
        #expect(ProviderCatalog.builtIn.row(named: "ollama")?.kind == .ollama)
        #expect(ProviderCatalog.builtIn.row(named: "ollama-openai")?.kind == .openAI)
        #expect(Set(ProviderKind.allCases) == Set(rows.map(\.kind)))
    }

    @Test func compatibleVendorsFollowTheVariableRule() throws {
        let groq = try #require(ProviderCatalog.builtIn.row(named: "groq"))
        #expect(groq.baseURLVariables == ["GROQ_BASE_URL"])
        #expect(groq.keyVariables == ["GROQ_API_KEY"])
        #expect(ProviderCatalog.builtIn.row(named: "ollama-openai")?.baseURLVariables == ["OLLAMA_OPENAI_BASE_URL"])
        #expect(ProviderCatalog.builtIn.row(named: "lmstudio")?.keyVariables == [])
    }

    /// The variables that select a default model are the catalog's, in preference order, so every hint
    /// that lists them names GOOGLE_API_KEY and AWS_BEARER_TOKEN_BEDROCK too.
    @Test func defaultModelVariablesComeFromTheRows() {
        let variables = ProviderCatalog.builtIn.defaultModelVariables
        for variable in ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GOOGLE_API_KEY", "GEMINI_API_KEY",
                         "AWS_BEARER_TOKEN_BEDROCK", "AWS_ACCESS_KEY_ID"] {
            #expect(variables.contains(variable), "\(variable)")
        }
        #expect(!variables.contains("AZURE_OPENAI_API_KEY"))  // Azure's model is a deployment name: no default
        #expect(variables.firstIndex(of: "OPENAI_API_KEY")! < variables.firstIndex(of: "ANTHROPIC_API_KEY")!)
    }

    @Test func nativeProvidersResolveFromTheirRows() throws {
        let anthropic = try EnvironmentResolver(environment: ["ANTHROPIC_AUTH_TOKEN": "t"]).endpoint(for: "anthropic")
        #expect(anthropic.credential.source == "ANTHROPIC_AUTH_TOKEN")
        #expect(anthropic.baseURL == "https://api.anthropic.com")
        let missing = #expect(throws: ConfigError.self) { try EnvironmentResolver(environment: [:]).endpoint(for: "gemini") }
        #expect(missing?.message.hasPrefix("GEMINI_API_KEY is not set: export it (or GOOGLE_API_KEY)") == true)
    }
}
