import Foundation

/// Removes known secret values from text before it is shown or stored.
public struct Redactor: Sendable, Hashable {
    public private(set) var secrets: [String]

    public init(secrets: [String] = []) {
        // Longest first, so a secret containing another is replaced whole. Very short values are
        // not secrets worth scrubbing and would mangle ordinary text.
        self.secrets = Array(Set(secrets.filter { $0.count >= 6 })).sorted { $0.count > $1.count }
    }

    public mutating func add(_ more: [String]) { self = Redactor(secrets: secrets + more) }

    public func scrub(_ text: String) -> String {
        var out = text
        for secret in secrets where out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: "<redacted>")
        }
        return out
    }
}
