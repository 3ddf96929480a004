/// A provider that speaks the OpenAI Chat Completions protocol, described as data: where it lives and
/// which environment variables configure it. `llmctl models` lists these rows.
public struct OpenAICompatibleVendor: Sendable, Hashable {
    /// An environment variable whose value is sent as a header (e.g. `OPENAI_ORG_ID` → `OpenAI-Organization`).
    public struct HeaderVariable: Sendable, Hashable {
        public var variable: String
        public var header: String
        /// Sends the value of `variable`, when set, as `header`.
        public init(_ variable: String, header: String) {
            self.variable = variable
            self.header = header
        }
    }

    /// The provider name as typed before the colon in `-m name:model`.
    public var name: String
    /// `.openAI` for everything except Azure.
    public var kind: ProviderKind
    /// Where requests go unless `baseURLVariable` is set; nil when the user must say (Azure).
    public var defaultBaseURL: String?
    /// Overrides the base URL (e.g. `OPENAI_BASE_URL`).
    public var baseURLVariable: String?
    /// Holds the API key.
    public var keyVariable: String?
    /// When false, a missing key sends no `Authorization` header (local servers).
    public var keyRequired: Bool
    /// Holds a bearer token used when no key is set (Azure Entra ID).
    public var tokenVariable: String?
    public var headerVariables: [HeaderVariable]
    /// Holds the API version (Azure classic `api-version`).
    public var apiVersionVariable: String?
    public var defaultAPIVersion: String?
    /// Model names that work with this row, for `llmctl models` and examples.
    public var exampleModels: [String]
    /// One line for listings.
    public var summary: String

    /// A row; see the properties for what each field means.
    public init(name: String, kind: ProviderKind = .openAI, defaultBaseURL: String?, baseURLVariable: String? = nil,
                keyVariable: String?, keyRequired: Bool, tokenVariable: String? = nil,
                headerVariables: [HeaderVariable] = [], apiVersionVariable: String? = nil,
                defaultAPIVersion: String? = nil, exampleModels: [String], summary: String) {
        self.name = name
        self.kind = kind
        self.defaultBaseURL = defaultBaseURL
        self.baseURLVariable = baseURLVariable
        self.keyVariable = keyVariable
        self.keyRequired = keyRequired
        self.tokenVariable = tokenVariable
        self.headerVariables = headerVariables
        self.apiVersionVariable = apiVersionVariable
        self.defaultAPIVersion = defaultAPIVersion
        self.exampleModels = exampleModels
        self.summary = summary
    }

    /// The row with this name, if any.
    public static func named(_ name: String) -> OpenAICompatibleVendor? {
        all.first { $0.name == name }
    }

    /// Every built-in row. `<NAME>_BASE_URL` overrides are llmctl's own convention where the vendor
    /// has none; local servers need no key unless they were started with one.
    public static let all: [OpenAICompatibleVendor] = [
        .init(name: "openai", defaultBaseURL: "https://api.openai.com/v1", baseURLVariable: "OPENAI_BASE_URL",
              keyVariable: "OPENAI_API_KEY", keyRequired: true,
              headerVariables: [.init("OPENAI_ORG_ID", header: "OpenAI-Organization"),
                                .init("OPENAI_PROJECT_ID", header: "OpenAI-Project")],
              exampleModels: ["gpt-4o-mini", "gpt-4.1", "o4-mini"], summary: "OpenAI Chat Completions"),
        .init(name: "azure", kind: .azureOpenAI, defaultBaseURL: nil, baseURLVariable: "AZURE_OPENAI_ENDPOINT",
              keyVariable: "AZURE_OPENAI_API_KEY", keyRequired: true, tokenVariable: "AZURE_OPENAI_AD_TOKEN",
              apiVersionVariable: "OPENAI_API_VERSION", defaultAPIVersion: OpenAIProvider.defaultAzureAPIVersion,
              exampleModels: ["<your-deployment-name>"],
              summary: "Azure OpenAI; the model is the deployment name; an endpoint ending in /openai/v1 uses the v1 API"),
        .init(name: "ollama-openai", defaultBaseURL: "http://localhost:11434/v1",
              baseURLVariable: "OLLAMA_OPENAI_BASE_URL", keyVariable: nil, keyRequired: false,
              exampleModels: ["llama3.2", "qwen2.5:7b"], summary: "Ollama's OpenAI-compatible /v1 API (local)"),
        .init(name: "vllm", defaultBaseURL: "http://localhost:8000/v1", baseURLVariable: "VLLM_BASE_URL",
              keyVariable: "VLLM_API_KEY", keyRequired: false,
              exampleModels: ["meta-llama/Llama-3.1-8B-Instruct"], summary: "vLLM server (local)"),
        .init(name: "llamacpp", defaultBaseURL: "http://localhost:8080/v1", baseURLVariable: "LLAMACPP_BASE_URL",
              keyVariable: "LLAMACPP_API_KEY", keyRequired: false,
              exampleModels: ["default"], summary: "llama.cpp llama-server (local; serves the model it loaded)"),
        .init(name: "lmstudio", defaultBaseURL: "http://localhost:1234/v1", baseURLVariable: "LMSTUDIO_BASE_URL",
              keyVariable: nil, keyRequired: false,
              exampleModels: ["qwen2.5-7b-instruct"], summary: "LM Studio server (local)"),
        .init(name: "openrouter", defaultBaseURL: "https://openrouter.ai/api/v1", baseURLVariable: "OPENROUTER_BASE_URL",
              keyVariable: "OPENROUTER_API_KEY", keyRequired: true,
              exampleModels: ["openai/gpt-4o-mini", "anthropic/claude-3.5-haiku"], summary: "OpenRouter"),
        .init(name: "groq", defaultBaseURL: "https://api.groq.com/openai/v1", baseURLVariable: "GROQ_BASE_URL",
              keyVariable: "GROQ_API_KEY", keyRequired: true,
              exampleModels: ["llama-3.3-70b-versatile", "llama-3.1-8b-instant"], summary: "Groq"),
        .init(name: "together", defaultBaseURL: "https://api.together.xyz/v1", baseURLVariable: "TOGETHER_BASE_URL",
              keyVariable: "TOGETHER_API_KEY", keyRequired: true,
              exampleModels: ["meta-llama/Llama-3.3-70B-Instruct-Turbo"], summary: "Together AI"),
        .init(name: "deepseek", defaultBaseURL: "https://api.deepseek.com/v1", baseURLVariable: "DEEPSEEK_BASE_URL",
              keyVariable: "DEEPSEEK_API_KEY", keyRequired: true,
              exampleModels: ["deepseek-chat", "deepseek-reasoner"], summary: "DeepSeek"),
        .init(name: "mistral", defaultBaseURL: "https://api.mistral.ai/v1", baseURLVariable: "MISTRAL_BASE_URL",
              keyVariable: "MISTRAL_API_KEY", keyRequired: true,
              exampleModels: ["mistral-small-latest", "mistral-large-latest"], summary: "Mistral AI"),
        .init(name: "fireworks", defaultBaseURL: "https://api.fireworks.ai/inference/v1",
              baseURLVariable: "FIREWORKS_BASE_URL", keyVariable: "FIREWORKS_API_KEY", keyRequired: true,
              exampleModels: ["accounts/fireworks/models/llama-v3p1-8b-instruct"], summary: "Fireworks AI"),
        .init(name: "perplexity", defaultBaseURL: "https://api.perplexity.ai", baseURLVariable: "PERPLEXITY_BASE_URL",
              keyVariable: "PERPLEXITY_API_KEY", keyRequired: true,
              exampleModels: ["sonar", "sonar-pro"], summary: "Perplexity (Sonar)"),
    ]
}
