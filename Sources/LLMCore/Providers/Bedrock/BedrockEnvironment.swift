/// How `bedrock` resolves from the environment (see `AWSCredentialResolver` for the order).
public enum BedrockEnvironment {
    /// The endpoint for Bedrock Runtime: the override URL or `https://bedrock-runtime.{region}.amazonaws.com`.
    public static func endpoint(environment: [String: String], readFile: (String) -> String?,
                                name: String = "bedrock") throws -> Endpoint {
        let resolved = try AWSCredentialResolver.resolve(environment: environment, readFile: readFile)
        let hint = if case .bearer = resolved.credential { "AWS_BEARER_TOKEN_BEDROCK" } else { "AWS_ACCESS_KEY_ID" }
        return Endpoint(name: name, kind: .bedrock,
                        baseURL: resolved.endpointURL ?? "https://bedrock-runtime.\(resolved.region).amazonaws.com",
                        credential: resolved.credential, credentialHint: hint)
    }
}
