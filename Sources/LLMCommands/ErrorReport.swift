import LLMClient
import LLMCore
import Terminal

/// A bad command line, found after parsing (no prompt, an unknown model reference …).
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The one-line message, exit code and `--json` kind for any error a command can end with. Chat
/// errors carry all three themselves; the rest are the command line's and the config file's.
public struct ErrorReport: Sendable {
    public var message: String
    public var status: ExitStatus
    /// A short machine-readable class for `--json`: `auth`, `rate_limited`, `network`, `timeout` …
    public var kind: String
    public var httpStatus: Int?

    public init(_ error: any Error, redactor: Redactor = Redactor()) {
        switch error {
        case let e as ChatFailure:
            self.init(chat: e.error)
        case let e as ChatError:
            self.init(chat: e)
        case let e as UsageError:
            self.init(message: e.message, status: .usage, kind: "usage")
        case let e as ConfigError:
            self.init(message: e.message, status: e.exitStatus, kind: "config")
        case is CancellationError:
            self.init(message: "interrupted", status: .interrupted, kind: "interrupted")
        default:
            self.init(message: String(describing: error), status: .failure, kind: "error")
        }
        // Messages quote provider text: scrubbed of secrets, and unable to drive a terminal.
        message = TerminalText.visible(redactor.scrub(message))
    }

    init(chat error: ChatError) {
        self.init(message: error.message, status: error.exitStatus, kind: error.kind, httpStatus: error.httpStatus)
    }

    public init(message: String, status: ExitStatus, kind: String, httpStatus: Int? = nil) {
        self.message = message
        self.status = status
        self.kind = kind
        self.httpStatus = httpStatus
    }
}
