import HTTPMessage
/// The wire protocol a provider speaks.
public enum ProviderKind: String, Sendable, Hashable, Codable, CaseIterable {
    case openAI = "openai"
    case azureOpenAI = "azure"
    case anthropic
    case gemini
    case bedrock
    case ollama
}

/// A credential value that never prints itself.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public let value: String
    public init(_ value: String) { self.value = value }
    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}

/// AWS credentials for SigV4, resolved per request.
public struct AWSCredentials: Sendable, Hashable {
    public var accessKeyID: String
    public var secretAccessKey: Secret
    public var sessionToken: Secret?
    public init(accessKeyID: String, secretAccessKey: Secret, sessionToken: Secret? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }
}

/// How a request authenticates, and where the secret came from (for error messages that name it).
public enum Credential: Sendable, Hashable {
    case none
    /// An API key; `source` names where it came from, e.g. `OPENAI_API_KEY`.
    case apiKey(Secret, source: String)
    /// SigV4 signing credentials with their region.
    case aws(AWSCredentials, region: String, source: String)
    /// A bearer token (Bedrock API keys, Entra ID tokens).
    case bearer(Secret, source: String)

    /// Where the credential came from, for messages such as "the key in OPENAI_API_KEY was rejected".
    public var source: String? {
        switch self {
        case .none: nil
        case .apiKey(_, let source), .aws(_, _, let source), .bearer(_, let source): source
        }
    }

    /// Every secret string this credential holds, so output can be scrubbed of them.
    public var secrets: [String] {
        switch self {
        case .none: []
        case .apiKey(let s, _), .bearer(let s, _): [s.value]
        // The access key id is not secret to AWS, but it names the account's key: it is scrubbed too.
        case .aws(let c, _, _): [c.secretAccessKey.value, c.accessKeyID] + (c.sessionToken.map { [$0.value] } ?? [])
        }
    }
}

/// A resolved place to send requests: which protocol, where, and with which credential.
public struct Endpoint: Sendable, Hashable {
    /// The provider name as the user types it (`openai`, `groq`, `azure`, `offline`, a config name …).
    public var name: String
    public var kind: ProviderKind
    /// Base URL without a trailing slash, e.g. `https://api.openai.com/v1`.
    public var baseURL: String
    public var credential: Credential
    /// Azure classic `api-version`; Gemini API version; nil elsewhere.
    public var apiVersion: String?
    /// Extra headers configured by the user (sent as is).
    public var extraHeaders: HTTPHeaders
    /// The environment variable (or config key) the user sets to supply a credential; used in hints.
    public var credentialHint: String?

    public init(name: String, kind: ProviderKind, baseURL: String, credential: Credential = .none,
                apiVersion: String? = nil, extraHeaders: HTTPHeaders = [:], credentialHint: String? = nil) {
        self.name = name
        self.kind = kind
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.credential = credential
        self.apiVersion = apiVersion
        self.extraHeaders = extraHeaders
        self.credentialHint = credentialHint
    }
}

extension Endpoint {
    /// Why this endpoint must not be used as it is, or nil: a bearer token (Bedrock API key, Entra ID
    /// token, `ANTHROPIC_AUTH_TOKEN`) sent over plain `http://` to another machine would cross the network
    /// readable by anyone on the path, so it is refused as botocore refuses it; loopback stays allowed
    /// for local gateways.
    public var insecureCredentialProblem: String? {
        guard case .bearer(_, let source) = credential, baseURL.lowercased().hasPrefix("http://") else { return nil }
        let host = URLParts.host(of: baseURL)
        let loopback = host == "localhost" || host == "::1" || host.hasPrefix("127.")
        guard !loopback else { return nil }
        return "\(source) would be sent over plain http to \(URLParts.authority(of: baseURL)); use an https:// URL "
            + "(plain http is allowed only to 127.0.0.1, localhost and ::1)"
    }
}
