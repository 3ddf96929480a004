/// A failure to exchange bytes with a server: nothing here is an HTTP status.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, coarse enough to decide a retry and an exit code.
    public enum Kind: String, Sendable, Hashable {
        case resolve, connect, timeout, tls, connectionLost, invalidRequest, engineStopped, other
    }

    public var kind: Kind
    /// One line naming the host and the cause.
    public var message: String

    /// An error of this kind with this message.
    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// Whether a new attempt on a fresh connection could succeed.
    public var isRetryable: Bool {
        switch kind {
        case .resolve, .connect, .timeout, .connectionLost: true
        case .tls, .invalidRequest, .engineStopped, .other: false
        }
    }
}
