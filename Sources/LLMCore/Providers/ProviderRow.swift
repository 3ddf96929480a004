/// One provider described as data: its name, wire protocol, where it lives, which environment variables
/// configure it (in the order its official SDK reads them), and the models it is known for.
///
/// Native providers and OpenAI-compatible vendors are rows of the same kind; `ProviderCatalog.builtIn`
/// lists them. Resolution (`EnvironmentResolver`), config overrides, `llmctl models`, completion and
/// every hint read these rows, so adding a provider is one row plus, for a new wire protocol, a folder.
public struct ProviderRow: Sendable {
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

    /// How the text of a base-URL variable becomes a base URL.
    public enum BaseURLStyle: Sendable, Hashable {
        /// An http(s) URL, checked and stripped of trailing slashes.
        case url
        /// Ollama's `OLLAMA_HOST`: `host`, `host:port`, `[::1]:8080` or a URL (see `OllamaHost`).
        case ollamaHost
    }

    /// Builds the endpoint when the generic rules cannot (Bedrock's AWS credential chain).
    public typealias CustomResolution = @Sendable (EnvironmentResolver) throws -> Endpoint

    /// The provider name as typed before the colon in `-m name:model`.
    public var name: String
    /// The wire protocol.
    public var kind: ProviderKind
    /// Where requests go unless a base-URL variable is set; nil when the user must say (Azure).
    public var defaultBaseURL: String?
    /// Variables that override the base URL, first set wins.
    public var baseURLVariables: [String]
    public var baseURLStyle: BaseURLStyle
    /// Variables holding an API key (sent the provider's way), in the SDK's order of precedence.
    public var keyVariables: [String]
    /// Variables holding a bearer token, used when no key is set (Entra ID, `ANTHROPIC_AUTH_TOKEN`).
    public var tokenVariables: [String]
    /// Other variables whose presence means credentials exist (`AWS_ACCESS_KEY_ID`); used to pick a default model.
    public var otherCredentialVariables: [String]
    /// When false, a missing key sends no credential (local servers).
    public var keyRequired: Bool
    public var headerVariables: [HeaderVariable]
    /// Holds the API version (Azure classic `api-version`, Gemini's `GOOGLE_GENAI_API_VERSION`).
    public var apiVersionVariable: String?
    public var defaultAPIVersion: String?
    /// The model used when this provider's credentials are the first found and no model was named.
    public var defaultModel: String?
    /// Model names that work with this row, for `llmctl models`, completion and examples.
    public var exampleModels: [String]
    /// One line for listings.
    public var summary: String
    /// Replaces the generic rules; nil for every provider whose variables say everything.
    public var customResolution: CustomResolution?
    /// The variable hints name when it is not the first key variable (Gemini: `GEMINI_API_KEY`, although
    /// `GOOGLE_API_KEY` wins when both are set).
    public var preferredHint: String?

    /// A row; see the properties for what each field means.
    public init(name: String, kind: ProviderKind, defaultBaseURL: String?, baseURLVariables: [String] = [],
                baseURLStyle: BaseURLStyle = .url, keyVariables: [String] = [], tokenVariables: [String] = [],
                otherCredentialVariables: [String] = [], keyRequired: Bool,
                headerVariables: [HeaderVariable] = [], apiVersionVariable: String? = nil,
                defaultAPIVersion: String? = nil, defaultModel: String? = nil, exampleModels: [String],
                summary: String, preferredHint: String? = nil, customResolution: CustomResolution? = nil) {
        self.name = name
        self.kind = kind
        self.defaultBaseURL = defaultBaseURL
        self.baseURLVariables = baseURLVariables
        self.baseURLStyle = baseURLStyle
        self.keyVariables = keyVariables
        self.tokenVariables = tokenVariables
        self.otherCredentialVariables = otherCredentialVariables
        self.keyRequired = keyRequired
        self.headerVariables = headerVariables
        self.apiVersionVariable = apiVersionVariable
        self.defaultAPIVersion = defaultAPIVersion
        self.defaultModel = defaultModel
        self.exampleModels = exampleModels
        self.summary = summary
        self.customResolution = customResolution
        self.preferredHint = preferredHint
    }

    /// Every variable whose presence means this provider has credentials, in order of precedence.
    public var credentialVariables: [String] { keyVariables + tokenVariables + otherCredentialVariables }

    /// The variable a hint tells the user to set: the row's choice, else its first key or token variable.
    public var hintVariable: String? { preferredHint ?? keyVariables.first ?? tokenVariables.first }

    /// The credential variables a "not set" message names after `hintVariable`, e.g. `(or GOOGLE_API_KEY)`.
    public var alternativeHints: [String] { (keyVariables + tokenVariables).filter { $0 != hintVariable } }

    /// `name:defaultModel`, when the row has a default model.
    public var defaultModelRef: String? { defaultModel.map { "\(name):\($0)" } }
}
