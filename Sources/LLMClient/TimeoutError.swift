import Foundation
import LLMCore

/// A client-side time limit fired; the message names which one and its value.
public struct TimeoutError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which limit: `connect`, `first-token`, `idle`, `total`.
    public var limit: String
    /// The limit that passed, in seconds.
    public var seconds: Double
    /// One line naming the limit, its value and the flag that raises it.
    public var message: String

    /// `first-token timeout: 5 s passed without a token; raise it with --first-token-timeout`.
    public init(_ kind: TimeoutKind, seconds: Double, hint: String) {
        self.init(limit: kind.rawValue, seconds: seconds, hint: hint)
    }

    public init(limit: String, seconds: Double, hint: String) {
        self.limit = limit
        self.seconds = seconds
        let flag = TimeoutKind(rawValue: limit)?.flag ?? "--\(limit)-timeout"
        self.message = "\(limit) timeout: \(Self.format(seconds)) passed \(hint); raise it with \(flag)"
    }

    /// The limit as a policy value; nil for a limit this build does not know.
    public var kind: TimeoutKind? { TimeoutKind(rawValue: limit) }

    public var description: String { message }

    static func format(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : String(format: "%.1f s", s)
    }
}
