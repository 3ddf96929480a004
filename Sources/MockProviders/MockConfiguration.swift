/// How a `MockServer` answers: where it listens, how long replies are, which credentials it accepts.
public struct MockConfiguration: Sendable {
    /// The AWS access key ID of the SigV4 test vector in providers.md §6.
    public static let exampleAccessKeyID = "AKIDEXAMPLE"
    /// The AWS secret access key of the SigV4 test vector in providers.md §6.
    public static let exampleSecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

    /// TCP port on 127.0.0.1; 0 lets the system choose (read it back from `MockServer.port`).
    public var port: Int
    /// Reply length in tokens (one stream delta each) when `replyText` is nil.
    public var tokens: Int
    /// Pause before each token delta.
    public var tokenDelay: Duration
    /// When set, every reply is exactly this text, streamed one word (plus its trailing space) per delta.
    public var replyText: String?
    /// The only AWS access key ID whose SigV4 signatures are accepted.
    public var awsAccessKeyID: String
    /// The secret used to verify SigV4 signatures.
    public var awsSecretAccessKey: String
    /// API keys (and Bedrock/Azure bearer tokens) accepted; nil accepts any non-empty key.
    public var acceptedKeys: [String]?
    /// Accept requests that carry no key at all (for in-process use where no credential exists).
    public var allowMissingKey: Bool
    /// When false, one line per request goes to stderr.
    public var quiet: Bool
    /// How many requests `recordedRequests` keeps (the most recent ones).
    public var recordLimit: Int
    /// Faults for requests to one model (the body's `model`, or a path naming it: Gemini, Bedrock),
    /// applied instead of the queue and the default fault: a model that always fails.
    public var modelFaults: [String: MockFault] = [:]
    /// When set, the OpenAI dialect streams this reasoning (DeepSeek's `reasoning_content`, one word per
    /// chunk) before the answer, as a model that reasons unasked.
    public var reasoningText: String?
    /// The arguments of the tool call every dialect makes when a request offers tools.
    public var toolArguments = #"{"city":"Paris"}"#
    /// Prompt tokens each rich reply reports as read from the provider's cache (Anthropic
    /// `cache_read_input_tokens`, Bedrock `cacheReadInputTokens`, Gemini `cachedContentTokenCount`,
    /// OpenAI `cached_tokens`); a request with nothing else rich is then answered as a rich reply.
    public var cacheRead: Int?
    /// Prompt tokens each rich reply reports as written to the cache (Anthropic, Bedrock).
    public var cacheWrite: Int?

    /// Creates a configuration; every parameter has the default described on its property.
    public init(port: Int = 0, tokens: Int = 12, tokenDelay: Duration = .zero, replyText: String? = nil,
                awsAccessKeyID: String = MockConfiguration.exampleAccessKeyID,
                awsSecretAccessKey: String = MockConfiguration.exampleSecretAccessKey,
                acceptedKeys: [String]? = nil, allowMissingKey: Bool = false, quiet: Bool = true,
                recordLimit: Int = 1000) {
        self.port = port
        self.tokens = tokens
        self.tokenDelay = tokenDelay
        self.replyText = replyText
        self.awsAccessKeyID = awsAccessKeyID
        self.awsSecretAccessKey = awsSecretAccessKey
        self.acceptedKeys = acceptedKeys
        self.allowMissingKey = allowMissingKey
        self.quiet = quiet
        self.recordLimit = recordLimit
    }

    /// Whether `key` (nil when the request carried none) passes the key check.
    func accepts(key: String?) -> Bool {
        guard let key, !key.isEmpty else { return allowMissingKey }
        guard let acceptedKeys else { return true }
        return acceptedKeys.contains(key)
    }
}
