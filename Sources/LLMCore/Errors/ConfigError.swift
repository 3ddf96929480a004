/// A configuration problem: a missing credential, a bad config file, an unknown provider.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One line that says what is wrong and what to do about it.
    public var message: String

    public init(message: String) { self.message = message }
    public init(_ message: String) { self.message = message }

    public var description: String { message }
    public var exitStatus: ExitStatus { .config }
}
