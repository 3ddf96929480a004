/// Where Bedrock requests go and how they authenticate, resolved from AWS's usual environment and files.
public struct AWSResolvedConfig: Sendable, Hashable {
    /// `.aws` (SigV4) or `.bearer` (a Bedrock API key).
    public var credential: Credential
    public var region: String
    /// `AWS_ENDPOINT_URL_BEDROCK_RUNTIME` / `AWS_ENDPOINT_URL`, when set.
    public var endpointURL: String?
}

/// Resolves AWS credentials and region per request, the way botocore does for the common cases.
///
/// Pure: the environment and a file reader are injected, so tests use temporary content and the CLI
/// passes the process environment and a real reader. Credentials come from, in order:
/// `AWS_BEARER_TOKEN_BEDROCK`; `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`);
/// the profile `AWS_PROFILE` (default `default`) in the shared credentials file, then in the config file.
/// The region: `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile's `region` in the config file.
public enum AWSCredentialResolver {
    /// Profile settings that need an SDK feature llmctl does not have (assume-role, SSO, external processes).
    static let unsupportedSettings = ["role_arn", "sso_session", "sso_start_url", "credential_process", "web_identity_token_file"]

    /// Resolves everything a Bedrock request needs; throws `ConfigError` with the variables to set.
    public static func resolve(environment: [String: String], readFile: (String) -> String?) throws -> AWSResolvedConfig {
        let env = { (name: String) in NativeWire.value(environment, name) }
        let profileName = env("AWS_PROFILE") ?? env("AWS_DEFAULT_PROFILE") ?? "default"
        let files = ProfileFiles(environment: environment, readFile: readFile)
        let configProfile = files.config?.profiles[profileName]
        let credentialsProfile = files.credentials?.profiles[profileName]

        guard let region = env("AWS_REGION") ?? env("AWS_DEFAULT_REGION") ?? configProfile?["region"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw ConfigError(message: "no AWS region for Bedrock: export AWS_REGION (e.g. us-east-1), or set region for profile '\(profileName)' in \(files.configPath ?? "~/.aws/config")")
        }
        var endpointURL: String?
        for variable in ["AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL"] {
            if let value = env(variable) {
                endpointURL = try EnvironmentResolver.checkedBaseURL(value, from: variable, example: "https://bedrock-runtime.us-east-1.amazonaws.com")
                break
            }
        }

        let credential: Credential
        if let token = env("AWS_BEARER_TOKEN_BEDROCK") {
            credential = .bearer(Secret(token), source: "AWS_BEARER_TOKEN_BEDROCK")
        } else if let keyID = env("AWS_ACCESS_KEY_ID"), let secret = env("AWS_SECRET_ACCESS_KEY") {
            let token = env("AWS_SESSION_TOKEN") ?? env("AWS_SECURITY_TOKEN")
            credential = .aws(AWSCredentials(accessKeyID: keyID, secretAccessKey: Secret(secret), sessionToken: token.map(Secret.init)),
                              region: region, source: "AWS_ACCESS_KEY_ID")
        } else if env("AWS_ACCESS_KEY_ID") != nil || env("AWS_SECRET_ACCESS_KEY") != nil {
            let missing = env("AWS_ACCESS_KEY_ID") == nil ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY"
            throw ConfigError(message: "\(missing) is not set but its partner is: export both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials)")
        } else if let found = try profileCredentials(credentialsProfile, path: files.credentialsPath, name: profileName)
                    ?? profileCredentials(configProfile, path: files.configPath, name: profileName) {
            credential = .aws(found.credentials, region: region, source: found.source)
        } else {
            let profileHint = configProfile == nil && credentialsProfile == nil && env("AWS_PROFILE") != nil
                ? "AWS profile '\(profileName)' was not found in \(files.credentialsPath ?? "~/.aws/credentials") or \(files.configPath ?? "~/.aws/config"); "
                : "no AWS credentials for Bedrock: "
            throw ConfigError(message: profileHint + "export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN if temporary), set AWS_PROFILE to a profile with keys, or export AWS_BEARER_TOKEN_BEDROCK")
        }
        return AWSResolvedConfig(credential: credential, region: region, endpointURL: endpointURL)
    }

    /// Static keys from one profile section; nil when the section has none.
    private static func profileCredentials(_ profile: [String: String]?, path: String?, name: String) throws
        -> (credentials: AWSCredentials, source: String)? {
        guard let profile, let path else { return nil }
        let value = { (key: String) in profile[key].flatMap { $0.isEmpty ? nil : $0 } }
        if let keyID = value("aws_access_key_id"), let secret = value("aws_secret_access_key") {
            let token = value("aws_session_token") ?? value("aws_security_token")
            return (AWSCredentials(accessKeyID: keyID, secretAccessKey: Secret(secret), sessionToken: token.map(Secret.init)),
                    "profile '\(name)' in \(path)")
        }
        if let setting = unsupportedSettings.first(where: { value($0) != nil }) {
            throw ConfigError(message: "profile '\(name)' in \(path) gets its credentials through \(setting), which llmctl does not support: run `eval \"$(aws configure export-credentials --profile \(name) --format env)\"` first, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
        }
        return nil
    }

    /// The two AWS files, read once per resolution.
    private struct ProfileFiles {
        var credentialsPath: String?
        var configPath: String?
        var credentials: AWSProfileFile?
        var config: AWSProfileFile?

        init(environment: [String: String], readFile: (String) -> String?) {
            let home = NativeWire.value(environment, "HOME")
            func path(_ variable: String, default relative: String) -> String? {
                guard let value = NativeWire.value(environment, variable) else { return home.map { "\($0)/\(relative)" } }
                guard value.hasPrefix("~/") else { return value }
                return home.map { $0 + value.dropFirst() }
            }
            credentialsPath = path("AWS_SHARED_CREDENTIALS_FILE", default: ".aws/credentials")
            configPath = path("AWS_CONFIG_FILE", default: ".aws/config")
            credentials = credentialsPath.flatMap(readFile).map { AWSProfileFile($0, isConfigFile: false) }
            config = configPath.flatMap(readFile).map { AWSProfileFile($0, isConfigFile: true) }
        }
    }
}
