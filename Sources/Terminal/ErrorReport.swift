import CurlTransport
import LLMClient
import LLMCore

/// A bad command line, found after parsing (no prompt, an unknown model reference …).
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The one-line message and exit code for any error a command can end with.
public struct ErrorReport: Sendable {
    public var message: String
    public var status: ExitStatus
    /// A short machine-readable class for `--json`: `auth`, `rate_limited`, `network`, `timeout` …
    public var kind: String
    public var httpStatus: Int?

    public init(_ error: any Error, redactor: Redactor = Redactor()) {
        var underlying = error
        if let failure = error as? ChatFailure { underlying = failure.underlying }
        switch underlying {
        case let e as ProviderError:
            self.init(message: e.message, status: e.exitStatus, kind: e.category.rawValue, httpStatus: e.status)
        case let e as TransportError:
            self.init(message: e.message, status: .network, kind: e.kind == .timeout ? "timeout" : "network")
        case let e as UsageError:
            self.init(message: e.message, status: .usage, kind: "usage")
        case let e as ConfigError:
            self.init(message: e.message, status: e.exitStatus, kind: "config")
        case let e as TimeoutError:
            self.init(message: e.message, status: .network, kind: "timeout")
        case let e as CircuitOpenError:
            // Nothing was sent: like an unreachable provider, and a script can tell it apart by `kind`.
            self.init(message: e.message, status: .network, kind: "circuit_open")
        case is CancellationError:
            self.init(message: "interrupted", status: .interrupted, kind: "interrupted")
        default:
            self.init(message: String(describing: underlying), status: .failure, kind: "error")
        }
        message = redactor.scrub(message)
    }

    public init(message: String, status: ExitStatus, kind: String, httpStatus: Int? = nil) {
        self.message = message
        self.status = status
        self.kind = kind
        self.httpStatus = httpStatus
    }
}
