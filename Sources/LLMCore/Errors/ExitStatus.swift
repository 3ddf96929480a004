/// The documented exit codes of `llmctl`.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    case success = 0
    /// Anything not covered below (a bug, an unexpected local failure).
    case failure = 1
    /// Bad flags or arguments, or no prompt.
    case usage = 2
    /// The config file or a configured endpoint is invalid.
    case config = 3
    /// The provider rejected the credentials (401/403, invalid key).
    case auth = 4
    /// The provider answered with an error (HTTP error, in-stream error, truncated or malformed reply).
    case provider = 5
    /// The provider could not be reached, or a timeout fired.
    case network = 6
    /// Interrupted by the user (Ctrl-C / SIGINT).
    case interrupted = 130

    /// One line for the man page and `--help`.
    public var summary: String {
        switch self {
        case .success: "success"
        case .failure: "unexpected failure"
        case .usage: "usage error: bad flags or arguments, or no prompt"
        case .config: "configuration error: bad config file or endpoint"
        case .auth: "authentication error: the provider rejected the credentials"
        case .provider: "provider error: HTTP error, in-stream error, truncated or malformed reply"
        case .network: "network error or timeout: the provider could not be reached in time"
        case .interrupted: "interrupted (Ctrl-C)"
        }
    }
}

extension ProviderError {
    /// The exit code for this error.
    public var exitStatus: ExitStatus {
        switch category {
        case .auth, .permission: .auth
        default: .provider
        }
    }
}
