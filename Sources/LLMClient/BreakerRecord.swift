import Foundation
import LLMCore

/// One endpoint's breaker as it is kept between processes (`circuits.json` in the state directory).
///
/// Wall-clock times, because a monotonic instant means nothing to the next process.
public struct BreakerRecord: Sendable, Hashable, Codable {
    public var endpoint: String
    public var baseURL: String
    /// The model; nil in files written before breakers were kept per model (those never match a key
    /// now, and age out).
    public var model: String?
    /// Failed attempts in a row when the process that wrote it ended.
    public var failures: Int
    /// When an open circuit lets its probe through; nil when closed. A half-open circuit is stored as
    /// open until the moment it was written, so the next process probes at once.
    public var openUntil: Date?
    /// When this endpoint's breaker last changed.
    public var updated: Date

    public init(endpoint: String, baseURL: String, model: String? = nil, failures: Int, openUntil: Date?, updated: Date) {
        self.endpoint = endpoint
        self.baseURL = baseURL
        self.model = model
        self.failures = failures
        self.openUntil = openUntil
        self.updated = updated
    }

    enum CodingKeys: String, CodingKey {
        case endpoint, baseURL = "base_url", model, failures, openUntil = "open_until", updated
    }

    /// The key `BreakerRegistry.key(for:model:)` gives the same breaker; a record without a model gets
    /// a key of its own that no current breaker has.
    public var key: String { model.map { "\(endpoint) \(baseURL) \($0)" } ?? "\(endpoint) \(baseURL)" }

    /// Whether the record still says something: a closed breaker without failures says nothing, and
    /// failures nobody added to for `forgetAfter` are too old to count towards opening the circuit.
    public func isWorthKeeping(at now: Date, forgetAfter: TimeInterval = 600) -> Bool {
        if let openUntil, openUntil > now.addingTimeInterval(-forgetAfter) { return true }
        return failures > 0 && updated > now.addingTimeInterval(-forgetAfter)
    }
}
