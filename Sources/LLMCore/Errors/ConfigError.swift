/// A configuration problem found before any request was sent: a missing key, an unknown provider, a bad URL.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One line that says what is wrong and what to do.
    public var message: String
    /// The exit code for this error; `.config` unless a caller knows better.
    public var exitStatus: ExitStatus

    /// An error with its one-line message; the exit status defaults to `.config`.
    public init(message: String, exitStatus: ExitStatus = .config) {
        self.message = message
        self.exitStatus = exitStatus
    }

    /// Same as `init(message:)`.
    public init(_ message: String) { self.init(message: message) }

    public var description: String { message }

    /// A required environment variable is unset or empty.
    public static func missingVariable(_ variable: String, example: String? = nil) -> ConfigError {
        let hint = example.map { " (e.g. \($0))" } ?? ""
        return ConfigError(message: "\(variable) is not set: export it\(hint), or pick another model with -m provider:model")
    }
}
