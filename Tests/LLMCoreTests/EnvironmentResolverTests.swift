import Testing
@testable import LLMCore
import HTTPMessage

private func resolve(_ name: String, _ environment: [String: String]) throws -> Endpoint {
    try EnvironmentResolver(environment: environment).endpoint(for: name)
}

private func configError(_ body: () throws -> Void) -> ConfigError? {
    do {
        try body()
        return nil
    } catch {
        return error as? ConfigError
    }
}

@Suite struct EnvironmentResolverTests {
    @Test func openAIDefaults() throws {
        let endpoint = try resolve("openai", ["OPENAI_API_KEY": "sk-1"])
        #expect(endpoint.kind == .openAI)
        #expect(endpoint.name == "openai")
        #expect(endpoint.baseURL == "https://api.openai.com/v1")
        #expect(endpoint.credential == .apiKey(Secret("sk-1"), source: "OPENAI_API_KEY"))
        #expect(endpoint.extraHeaders.fields.isEmpty)
        #expect(endpoint.credentialHint == "OPENAI_API_KEY")
    }

    @Test func openAIOverridesAndHeaders() throws {
        let endpoint = try resolve("OpenAI", ["OPENAI_API_KEY": " sk-1 ", "OPENAI_BASE_URL": "http://127.0.0.1:9000/v1/",
                                              "OPENAI_ORG_ID": "org-1", "OPENAI_PROJECT_ID": "proj-1"])
        #expect(endpoint.baseURL == "http://127.0.0.1:9000/v1")
        #expect(endpoint.credential.secrets == ["sk-1"])
        #expect(endpoint.extraHeaders["OpenAI-Organization"] == "org-1")
        #expect(endpoint.extraHeaders["OpenAI-Project"] == "proj-1")
    }

    @Test func missingOrEmptyKeyIsAConfigErrorNamingTheVariable() {
        for environment in [[:], ["OPENAI_API_KEY": ""], ["OPENAI_API_KEY": "  "]] {
            let error = configError { _ = try resolve("openai", environment) }
            #expect(error?.message == "OPENAI_API_KEY is not set: export it, or pick another model with -m provider:model")
            #expect(error?.exitStatus == .config)
        }
        #expect(configError { _ = try resolve("groq", [:]) }?.message.hasPrefix("GROQ_API_KEY is not set") == true)
    }

    @Test func badBaseURL() {
        let error = configError { _ = try resolve("openai", ["OPENAI_API_KEY": "k", "OPENAI_BASE_URL": "localhost:8000"]) }
        #expect(error?.message.contains("OPENAI_BASE_URL") == true)
    }

    @Test func azureClassic() throws {
        let endpoint = try resolve("azure", ["AZURE_OPENAI_API_KEY": "az", "AZURE_OPENAI_ENDPOINT": "https://res.openai.azure.com/"])
        #expect(endpoint.kind == .azureOpenAI)
        #expect(endpoint.baseURL == "https://res.openai.azure.com")
        #expect(endpoint.apiVersion == "2024-10-21")
        #expect(endpoint.credential == .apiKey(Secret("az"), source: "AZURE_OPENAI_API_KEY"))
        let custom = try resolve("azure", ["AZURE_OPENAI_API_KEY": "az", "AZURE_OPENAI_ENDPOINT": "https://res.openai.azure.com",
                                           "OPENAI_API_VERSION": "2025-04-01-preview"])
        #expect(custom.apiVersion == "2025-04-01-preview")
    }

    @Test func azureV1AndEntraToken() throws {
        let endpoint = try resolve("azure", ["AZURE_OPENAI_AD_TOKEN": "tok",
                                             "AZURE_OPENAI_ENDPOINT": "https://res.openai.azure.com/openai/v1/"])
        #expect(endpoint.baseURL == "https://res.openai.azure.com/openai/v1")
        #expect(endpoint.apiVersion == nil)
        #expect(endpoint.credential == .bearer(Secret("tok"), source: "AZURE_OPENAI_AD_TOKEN"))
    }

    @Test func azureNeedsEndpointAndKey() {
        let noEndpoint = configError { _ = try resolve("azure", ["AZURE_OPENAI_API_KEY": "az"]) }
        #expect(noEndpoint?.message.hasPrefix("AZURE_OPENAI_ENDPOINT is not set") == true)
        let noKey = configError { _ = try resolve("azure", ["AZURE_OPENAI_ENDPOINT": "https://res.openai.azure.com"]) }
        #expect(noKey?.message.hasPrefix("AZURE_OPENAI_API_KEY is not set") == true)
    }

    @Test func localServersNeedNoKey() throws {
        let ollama = try resolve("ollama-openai", [:])
        #expect(ollama.baseURL == "http://localhost:11434/v1")
        #expect(ollama.credential == .none)
        #expect(ollama.kind == .openAI)
        let vllm = try resolve("vllm", ["VLLM_API_KEY": "token", "VLLM_BASE_URL": "http://gpu-box:8000/v1"])
        #expect(vllm.baseURL == "http://gpu-box:8000/v1")
        #expect(vllm.credential == .apiKey(Secret("token"), source: "VLLM_API_KEY"))
        #expect(try resolve("llamacpp", [:]).baseURL == "http://localhost:8080/v1")
        #expect(try resolve("lmstudio", [:]).baseURL == "http://localhost:1234/v1")
    }

    @Test func hostedVendors() throws {
        let expected = [("openrouter", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY"),
                        ("groq", "https://api.groq.com/openai/v1", "GROQ_API_KEY"),
                        ("together", "https://api.together.xyz/v1", "TOGETHER_API_KEY"),
                        ("deepseek", "https://api.deepseek.com/v1", "DEEPSEEK_API_KEY"),
                        ("mistral", "https://api.mistral.ai/v1", "MISTRAL_API_KEY")]
        for (name, base, variable) in expected {
            let endpoint = try resolve(name, [variable: "k-\(name)"])
            #expect(endpoint.baseURL == base)
            #expect(endpoint.credential == .apiKey(Secret("k-\(name)"), source: variable))
        }
    }

    @Test func unknownProviderListsKnownNames() {
        let error = configError { _ = try resolve("nope", [:]) }
        #expect(error?.message.hasPrefix("unknown provider 'nope'") == true)
        for name in ["openai", "azure", "groq", "ollama-openai", "vllm"] {
            #expect(error?.message.contains(name) == true)
        }
    }
}
