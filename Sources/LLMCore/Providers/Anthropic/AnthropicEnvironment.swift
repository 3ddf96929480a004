/// How `anthropic` resolves from the environment, as the official SDK reads it.
public enum AnthropicEnvironment {
    /// The API root without `/v1`, like the SDK's `ANTHROPIC_BASE_URL`.
    public static let defaultBaseURL = "https://api.anthropic.com"

    /// `ANTHROPIC_API_KEY` (sent as `x-api-key`) or else `ANTHROPIC_AUTH_TOKEN` (sent as a bearer token),
    /// and `ANTHROPIC_BASE_URL`; throws `ConfigError` when neither credential is set or the URL is bad.
    public static func endpoint(environment: [String: String], name: String = "anthropic") throws -> Endpoint {
        let base = try NativeWire.value(environment, "ANTHROPIC_BASE_URL").map {
            try NativeWire.baseURL($0, from: "ANTHROPIC_BASE_URL", example: defaultBaseURL)
        } ?? defaultBaseURL
        let credential: Credential
        if let key = NativeWire.value(environment, "ANTHROPIC_API_KEY") {
            credential = .apiKey(Secret(key), source: "ANTHROPIC_API_KEY")
        } else if let token = NativeWire.value(environment, "ANTHROPIC_AUTH_TOKEN") {
            credential = .bearer(Secret(token), source: "ANTHROPIC_AUTH_TOKEN")
        } else {
            throw ConfigError.missingVariable("ANTHROPIC_API_KEY", example: "sk-ant-…")
        }
        return Endpoint(name: name, kind: .anthropic, baseURL: base, credential: credential,
                        credentialHint: "ANTHROPIC_API_KEY")
    }
}
