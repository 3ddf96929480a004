/// A client-side time limit fired; the message names which one and its value.
public struct TimeoutError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which limit: `connect`, `first-token`, `idle`, `total`.
    public var limit: String
    public var seconds: Double
    public var message: String

    public init(limit: String, seconds: Double, hint: String) {
        self.limit = limit
        self.seconds = seconds
        self.message = "\(limit) timeout: \(Self.format(seconds)) passed \(hint); raise it with --\(limit)-timeout"
    }

    public var description: String { message }

    static func format(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : String(format: "%.1f s", s)
    }
}

import Foundation
