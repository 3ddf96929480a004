/// Statistics over many requests: connection reuse, latency percentiles, throughput, per provider.
public struct SessionStats: Sendable, Hashable {
    public private(set) var requests: [RequestStats] = []
    public private(set) var failures = 0

    public init() {}

    public mutating func record(_ stats: RequestStats) { requests.append(stats) }
    public mutating func recordFailure(_ stats: RequestStats?) {
        failures += 1
        if let stats { requests.append(stats) }
    }

    /// Requests that opened a new connection.
    public var connectionsOpened: Int { requests.filter { $0.connection?.reused == false }.count }
    /// Requests that ran on a pooled connection.
    public var connectionsReused: Int { requests.filter { $0.connection?.reused == true }.count }
    public var reusePercent: Double {
        let known = connectionsOpened + connectionsReused
        return known == 0 ? 0 : Double(connectionsReused) * 100 / Double(known)
    }

    public func ttftPercentile(_ p: Double) -> Double? { Self.percentile(requests.compactMap(\.ttftMs), p) }
    public func totalPercentile(_ p: Double) -> Double? { Self.percentile(requests.map(\.totalMs), p) }
    public var outputTokens: Int { requests.compactMap(\.outputTokens).reduce(0, +) }
    /// Mean generation speed over requests that reported one.
    public var meanTokensPerSecond: Double? {
        let rates = requests.compactMap(\.tokensPerSecond)
        return rates.isEmpty ? nil : rates.reduce(0, +) / Double(rates.count)
    }

    /// The same statistics restricted to one provider each, keyed by provider name.
    public var byProvider: [String: SessionStats] {
        var out: [String: SessionStats] = [:]
        for request in requests { out[request.provider, default: SessionStats()].record(request) }
        return out
    }

    /// Nearest-rank percentile (p in 0…100) of the values; nil when there are none.
    public static func percentile(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
