import LLMCore
import Foundation
import Terminal
import LLMClient

/// Counts and statistics of a batch run, and the summary and exit status they lead to.
///
/// Pure: the runner feeds it results; tests feed it `RequestStats` values directly.
public struct BatchTally: Sendable {
    public var ok = 0
    public var failed = 0
    /// Already in the output file (`--resume`).
    public var skipped = 0
    public var malformed = 0
    public var duplicates = 0
    /// In flight when the run was interrupted: not written, so `--resume` sends them again.
    public var cancelled = 0
    /// Never started because the run was interrupted.
    public var notStarted = 0
    public var interrupted = false
    /// The stats of answered items (latency and throughput are about answers).
    public private(set) var answered: [RequestStats] = []
    /// HTTP requests that reached a server, every attempt of every written item counted.
    public private(set) var requests = 0
    /// Of those, the ones that opened a new connection (libcurl's `num_connects` > 0).
    public private(set) var connectionsOpened = 0
    /// Attempts that never got a connection (refused, DNS failure, connect timeout).
    public private(set) var unconnected = 0

    /// All counts zero.
    public init() {}

    /// Records a written result; `stats` is nil when no request was made (the model did not resolve).
    public mutating func record(_ stats: RequestStats?, ok: Bool) {
        if ok { self.ok += 1 } else { failed += 1 }
        guard let stats else { return }
        if ok { answered.append(stats) }
        // An attempt refused by an open circuit sent nothing; one without connection metrics never connected.
        let sent = stats.attempts.filter(\.outcome.wasSent)
        requests += sent.filter { $0.reusedConnection != nil }.count
        connectionsOpened += sent.filter { $0.reusedConnection == false }.count
        unconnected += sent.filter { $0.reusedConnection == nil }.count
    }

    /// 0 when every item was answered; 5 when any failed; 2 when none failed but input lines were
    /// malformed or duplicated; 130 when interrupted (which wins).
    public var exitStatus: ExitStatus {
        if interrupted { return .interrupted }
        if failed > 0 { return .provider }
        if malformed + duplicates > 0 { return .usage }
        return .success
    }

    /// Output tokens of the answered items.
    public var outputTokens: Int { answered.compactMap(\.outputTokens).reduce(0, +) }

    /// The summary for stderr; `elapsed` is the wall time of the run, `output` the output file's name.
    public func lines(elapsed: Duration, output: String?) -> [String] {
        let items = ok + failed + cancelled + notStarted + skipped
        var counts = ["\(items) item\(items == 1 ? "" : "s")", "\(ok) ok", "\(failed) failed"]
        if skipped > 0 { counts.append("\(skipped) skipped (already in \(output ?? "the output"))") }
        if malformed > 0 { counts.append("\(malformed) malformed") }
        if duplicates > 0 { counts.append("\(duplicates) duplicate id\(duplicates == 1 ? "" : "s")") }
        var lines = ["batch: " + counts.joined(separator: " · ") + " · " + StatsFormatter.ms(elapsed.milliseconds)]
        let ttfts = answered.compactMap(\.ttftMs), totals = answered.map(\.totalMs)
        var latency: [String] = []
        if let p50 = SessionStats.percentile(ttfts, 50), let p95 = SessionStats.percentile(ttfts, 95) {
            latency.append("ttft p50 \(StatsFormatter.ms(p50)), p95 \(StatsFormatter.ms(p95))")
        }
        if let p50 = SessionStats.percentile(totals, 50), let p95 = SessionStats.percentile(totals, 95) {
            latency.append("total p50 \(StatsFormatter.ms(p50)), p95 \(StatsFormatter.ms(p95))")
        }
        if !latency.isEmpty { lines.append("latency: " + latency.joined(separator: " · ")) }
        if let overall = Self.rate(tokens: outputTokens, over: elapsed) {
            var line = String(format: "throughput: %.0f tok/s overall (%d output tokens)", overall, outputTokens)
            let rates = answered.compactMap(\.tokensPerSecond)
            if !rates.isEmpty { line += String(format: " · %.1f tok/s per request (mean)", rates.reduce(0, +) / Double(rates.count)) }
            lines.append(line)
        }
        if requests > 0 {
            let reused = requests - connectionsOpened
            lines.append("connections: \(connectionsOpened) opened for \(requests) request\(requests == 1 ? "" : "s")"
                + String(format: " (%.0f%% reused)", Double(reused) * 100 / Double(requests))
                + (unconnected > 0 ? "; \(unconnected) attempt\(unconnected == 1 ? "" : "s") could not connect" : ""))
        } else if unconnected > 0 {
            lines.append("connections: none; \(unconnected) attempt\(unconnected == 1 ? "" : "s") could not connect")
        }
        if interrupted {
            lines.append("interrupted: \(cancelled) in flight cancelled, \(notStarted) not started"
                + (output != nil ? "; run the same command with --resume to finish them" : ""))
        }
        return lines
    }

    /// Tokens per second over the whole run; nil without tokens or time.
    static func rate(tokens: Int, over elapsed: Duration) -> Double? {
        let seconds = elapsed.milliseconds / 1000
        guard tokens > 0, seconds > 0 else { return nil }
        return Double(tokens) / seconds
    }
}
