import Foundation
import Testing
@testable import LLMCore
import HTTPMessage

private func config(_ text: String) throws -> LLMConfig {
    try ConfigParser.parse(text, path: "/c/config.toml")
}

private func endpoint(_ text: String, _ name: String, environment: [String: String] = [:],
                      key: @escaping (String) throws -> String = { _ in "from-cmd" }) throws -> Endpoint {
    let entry = try #require(try config(text).endpoints[name])
    return try entry.endpoint(environment: environment, runKeyCommand: key) { builtIn in
        try EnvironmentResolver(environment: environment).endpoint(for: builtIn)
    }
}

@Suite struct ConfigEndpointTests {
    @Test func keySources() throws {
        let base = "[endpoints.w]\nkind = \"openai\"\nbase_url = \"http://h/v1\"\n"
        let fromEnv = try endpoint(base + "api_key_env = \"W_KEY\"\n", "w", environment: ["W_KEY": " k1 "])
        #expect(fromEnv.credential == .apiKey(Secret("k1"), source: "W_KEY"))
        #expect(fromEnv.credentialHint == "W_KEY")
        #expect(fromEnv.baseURL == "http://h/v1")
        var commands: [String] = []
        let fromCommand = try endpoint(base + "key_cmd = \"pass show w\"\n", "w") { commands.append($0); return "k2" }
        #expect(commands == ["pass show w"])
        #expect(fromCommand.credential == .apiKey(Secret("k2"), source: "key_cmd of [endpoints.w]"))
        let literal = try endpoint(base + "api_key = \"k3\"\n", "w")
        #expect(literal.credential == .apiKey(Secret("k3"), source: "api_key of [endpoints.w]"))
        let none = try endpoint(base, "w")
        #expect(none.credential == .none)
    }

    @Test func missingVariableNamesTheSection() throws {
        let text = "[endpoints.w]\nkind = \"anthropic\"\napi_key_env = \"W_KEY\"\n"
        let error = #expect(throws: ConfigError.self) { try endpoint(text, "w") }
        #expect(error?.message.hasPrefix("W_KEY is not set: export it (api_key_env of [endpoints.w]") == true)
    }

    @Test func keyCommandIsOnlyRunWhenNeeded() throws {
        // A built-in name whose key is in the environment: the environment wins, the command never runs.
        let text = "[endpoints.openai]\nkind = \"openai\"\nkey_cmd = \"exit 1\"\n"
        let resolved = try endpoint(text, "openai", environment: ["OPENAI_API_KEY": "env-key"]) { _ in
            Issue.record("key_cmd ran although OPENAI_API_KEY is set")
            return ""
        }
        #expect(resolved.credential == .apiKey(Secret("env-key"), source: "OPENAI_API_KEY"))
    }

    @Test func environmentBeatsConfigForBuiltInNames() throws {
        let text = """
        [endpoints.openai]
        kind = "openai"
        base_url = "http://proxy.internal/v1"
        api_key = "file-key"
        headers = { "OpenAI-Organization" = "org-file", "X-Extra" = "1" }
        """
        let fileOnly = try endpoint(text, "openai")
        #expect(fileOnly.baseURL == "http://proxy.internal/v1")
        #expect(fileOnly.credential == .apiKey(Secret("file-key"), source: "api_key of [endpoints.openai]"))
        let env = ["OPENAI_BASE_URL": "http://env.example/v1/", "OPENAI_API_KEY": "env-key", "OPENAI_ORG_ID": "org-env"]
        let overridden = try endpoint(text, "openai", environment: env)
        #expect(overridden.baseURL == "http://env.example/v1")
        #expect(overridden.credential == .apiKey(Secret("env-key"), source: "OPENAI_API_KEY"))
        #expect(overridden.extraHeaders["OpenAI-Organization"] == "org-env")
        #expect(overridden.extraHeaders["X-Extra"] == "1")
        // A name that is not built in takes nothing from OPENAI_* variables.
        let other = try endpoint(text.replacingOccurrences(of: "endpoints.openai", with: "endpoints.work"), "work", environment: env)
        #expect(other.baseURL == "http://proxy.internal/v1")
        #expect(other.credential == .apiKey(Secret("file-key"), source: "api_key of [endpoints.work]"))
    }

    @Test func defaultsPerKind() throws {
        #expect(try endpoint("[endpoints.a]\nkind = \"anthropic\"\n", "a").baseURL == "https://api.anthropic.com")
        #expect(try endpoint("[endpoints.g]\nkind = \"gemini\"\n", "g").baseURL == "https://generativelanguage.googleapis.com")
        #expect(try endpoint("[endpoints.o]\nkind = \"ollama\"\n", "o").baseURL == "http://localhost:11434")
        let ollama = try endpoint("[endpoints.ollama]\nkind = \"ollama\"\n", "ollama", environment: ["OLLAMA_HOST": "box:8080"])
        #expect(ollama.baseURL == "http://box:8080")
        let azure = try endpoint("[endpoints.z]\nkind = \"azure\"\nbase_url = \"https://r.openai.azure.com\"\napi_key = \"k\"\n", "z")
        #expect(azure.apiVersion == OpenAIProvider.defaultAzureAPIVersion)
        #expect(azure.kind == .azureOpenAI)
        let bearer = try endpoint("[endpoints.b]\nkind = \"bedrock\"\napi_key = \"tok\"\n", "b", environment: ["AWS_REGION": "eu-west-1"])
        #expect(bearer.baseURL == "https://bedrock-runtime.eu-west-1.amazonaws.com")
        #expect(bearer.credential == .bearer(Secret("tok"), source: "api_key of [endpoints.b]"))
        #expect(throws: ConfigError.self) { try endpoint("[endpoints.b]\nkind = \"bedrock\"\napi_key = \"tok\"\n", "b") }
    }

    @Test func renderRedactsSecretsAndShowsKeyCommand() throws {
        let text = """
        default_model = "openai:gpt-4o"
        [endpoints.w]
        kind = "openai"
        api_key = "sk-literal-secret"
        headers = { Authorization = "Bearer hdr-secret", "X-Team" = "a" }
        [endpoints.c]
        kind = "anthropic"
        key_cmd = "pass show anthropic"
        [models."openai:gpt-4o"]
        temperature = 0.5
        """
        let shown = ConfigRenderer.render(try config(text), path: "/c/config.toml", fileExists: true,
                                          environment: ["LLMCTL_MODEL": "x:y"])
        #expect(!shown.contains("sk-literal-secret"))
        #expect(!shown.contains("hdr-secret"))
        #expect(shown.contains("api_key = \"<redacted>\""))
        #expect(shown.contains("Authorization = \"<redacted>\""))
        #expect(shown.contains("X-Team = \"a\""))
        #expect(shown.contains("key_cmd = \"pass show anthropic\""))
        #expect(shown.contains("default_model = \"openai:gpt-4o\"  # overridden by LLMCTL_MODEL=x:y"))
        #expect(shown.contains("[models.\"openai:gpt-4o\"]\ntemperature = 0.5"))
        // What show prints is itself a valid config with the same meaning (apart from redactions).
        let reparsed = try config(shown)
        #expect(reparsed.endpoints["c"]?.key == .command("pass show anthropic"))
        #expect(reparsed.models["openai:gpt-4o"]?.temperature == 0.5)
    }
}
