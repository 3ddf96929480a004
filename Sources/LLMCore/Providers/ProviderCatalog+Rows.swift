extension ProviderCatalog {
    /// Every built-in row: the native providers in order of preference for the default model, then the
    /// OpenAI-compatible vendors. Variables are the ones each provider's official SDK reads, in its order;
    /// `<NAME>_BASE_URL` overrides are llmctl's own convention where a vendor has none; local servers
    /// need no key unless they were started with one.
    public static let builtInRows: [ProviderRow] = nativeRows + compatibleRows

    /// Providers with a protocol (or credentials) of their own.
    static let nativeRows: [ProviderRow] = [
        ProviderRow(name: "openai", kind: .openAI, defaultBaseURL: "https://api.openai.com/v1",
                    baseURLVariables: ["OPENAI_BASE_URL"], keyVariables: ["OPENAI_API_KEY"], keyRequired: true,
                    headerVariables: [.init("OPENAI_ORG_ID", header: "OpenAI-Organization"),
                                      .init("OPENAI_PROJECT_ID", header: "OpenAI-Project")],
                    defaultModel: "gpt-4o-mini", exampleModels: ["gpt-4o-mini", "gpt-4.1", "o4-mini"],
                    summary: "OpenAI Chat Completions"),
        ProviderRow(name: "anthropic", kind: .anthropic, defaultBaseURL: "https://api.anthropic.com",
                    baseURLVariables: ["ANTHROPIC_BASE_URL"], keyVariables: ["ANTHROPIC_API_KEY"],
                    tokenVariables: ["ANTHROPIC_AUTH_TOKEN"], keyRequired: true,
                    defaultModel: "claude-sonnet-4-5", exampleModels: ["claude-sonnet-4-5", "claude-haiku-4-5"],
                    summary: "Anthropic Messages API"),
        ProviderRow(name: "gemini", kind: .gemini, defaultBaseURL: "https://generativelanguage.googleapis.com",
                    baseURLVariables: ["GOOGLE_GEMINI_BASE_URL"], keyVariables: ["GOOGLE_API_KEY", "GEMINI_API_KEY"],
                    keyRequired: true, apiVersionVariable: "GOOGLE_GENAI_API_VERSION",
                    defaultModel: "gemini-2.5-flash", exampleModels: ["gemini-2.5-flash", "gemini-2.5-pro"],
                    summary: "Google Gemini API", preferredHint: "GEMINI_API_KEY"),
        ProviderRow(name: "bedrock", kind: .bedrock, defaultBaseURL: nil,
                    baseURLVariables: ["AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL"],
                    tokenVariables: ["AWS_BEARER_TOKEN_BEDROCK"], otherCredentialVariables: ["AWS_ACCESS_KEY_ID"],
                    keyRequired: true, defaultModel: "anthropic.claude-3-haiku-20240307-v1:0",
                    exampleModels: ["anthropic.claude-3-haiku-20240307-v1:0", "amazon.titan-text-express-v1"],
                    summary: "AWS Bedrock ConverseStream (SigV4 or a Bedrock API key)",
                    customResolution: { try BedrockEnvironment.endpoint(environment: $0.environment, readFile: $0.readFile) }),
        ProviderRow(name: "azure", kind: .azureOpenAI, defaultBaseURL: nil, baseURLVariables: ["AZURE_OPENAI_ENDPOINT"],
                    keyVariables: ["AZURE_OPENAI_API_KEY"], tokenVariables: ["AZURE_OPENAI_AD_TOKEN"], keyRequired: true,
                    apiVersionVariable: "OPENAI_API_VERSION", defaultAPIVersion: OpenAIProvider.defaultAzureAPIVersion,
                    exampleModels: ["<your-deployment-name>"],
                    summary: "Azure OpenAI; the model is the deployment name; an endpoint ending in /openai/v1 uses the v1 API"),
        ProviderRow(name: "ollama", kind: .ollama, defaultBaseURL: "http://localhost:11434",
                    baseURLVariables: ["OLLAMA_HOST"], baseURLStyle: .ollamaHost, keyRequired: false,
                    exampleModels: ["llama3.2", "qwen2.5:7b"], summary: "Ollama's native /api/chat (local)"),
    ]

    /// Servers that speak the OpenAI Chat Completions protocol.
    static let compatibleRows: [ProviderRow] = [
        .compatible("ollama-openai", "http://localhost:11434/v1", noKey: true, examples: ["llama3.2", "qwen2.5:7b"], "Ollama's OpenAI-compatible /v1 API (local)"),
        .compatible("vllm", "http://localhost:8000/v1", keyRequired: false,
                    examples: ["meta-llama/Llama-3.1-8B-Instruct"], "vLLM server (local)"),
        .compatible("llamacpp", "http://localhost:8080/v1", keyRequired: false,
                    examples: ["default"], "llama.cpp llama-server (local; serves the model it loaded)"),
        .compatible("lmstudio", "http://localhost:1234/v1", noKey: true,
                    examples: ["qwen2.5-7b-instruct"], "LM Studio server (local)"),
        .compatible("openrouter", "https://openrouter.ai/api/v1",
                    examples: ["openai/gpt-4o-mini", "anthropic/claude-3.5-haiku"], "OpenRouter"),
        .compatible("groq", "https://api.groq.com/openai/v1",
                    examples: ["llama-3.3-70b-versatile", "llama-3.1-8b-instant"], "Groq"),
        .compatible("together", "https://api.together.xyz/v1",
                    examples: ["meta-llama/Llama-3.3-70B-Instruct-Turbo"], "Together AI"),
        .compatible("deepseek", "https://api.deepseek.com/v1", examples: ["deepseek-chat", "deepseek-reasoner"], "DeepSeek"),
        .compatible("mistral", "https://api.mistral.ai/v1",
                    examples: ["mistral-small-latest", "mistral-large-latest"], "Mistral AI"),
        .compatible("fireworks", "https://api.fireworks.ai/inference/v1",
                    examples: ["accounts/fireworks/models/llama-v3p1-8b-instruct"], "Fireworks AI"),
        .compatible("perplexity", "https://api.perplexity.ai", examples: ["sonar", "sonar-pro"], "Perplexity (Sonar)"),
    ]
}

extension ProviderRow {
    /// An OpenAI-compatible vendor: its variables follow one rule, `<NAME>_BASE_URL` and `<NAME>_API_KEY`
    /// (upper-cased, `-` as `_`). `noKey`: a local server that takes no key at all.
    static func compatible(_ name: String, _ baseURL: String, noKey: Bool = false, keyRequired: Bool = true,
                           examples: [String], _ summary: String) -> ProviderRow {
        let prefix = String(name.uppercased().map { $0 == "-" ? "_" : $0 })
        return ProviderRow(name: name, kind: .openAI, defaultBaseURL: baseURL,
                           baseURLVariables: [prefix + "_BASE_URL"],
                           keyVariables: noKey ? [] : [prefix + "_API_KEY"], keyRequired: keyRequired && !noKey,
                           exampleModels: examples, summary: summary)
    }
}
