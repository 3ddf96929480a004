import Foundation
import LLMCore

/// Human-readable lines for request and session statistics.
public enum StatsFormatter {
    /// One line: `ttft 212 ms · total 1.84 s · 41.2 tok/s · 74 tokens · reused conn (HTTP/2)`.
    public static func line(_ s: RequestStats) -> String {
        var parts: [String] = []
        if let ttft = s.ttftMs { parts.append("ttft \(ms(ttft))") }
        parts.append("total \(ms(s.totalMs))")
        if let rate = s.tokensPerSecond { parts.append(String(format: "%.1f tok/s", rate)) }
        if let tokens = s.outputTokens { parts.append("\(tokens) tokens") }
        if let c = s.connection { parts.append(connection(c)) }
        if s.attempts.count > 1 { parts.append("\(s.attempts.count) attempts") }
        return parts.joined(separator: " · ")
    }

    /// `new conn (dns 1 ms, connect 0.2 ms, tls 35 ms, HTTP/1.1)` or `reused conn (HTTP/2)`.
    public static func connection(_ c: ConnectionStats) -> String {
        let version = c.httpVersion.isEmpty ? "" : "HTTP/\(c.httpVersion)"
        if c.reused { return "reused conn" + (version.isEmpty ? "" : " (\(version))") }
        var detail = ["dns \(ms(c.dnsMs))", "connect \(ms(c.connectMs))"]
        if c.tlsMs > 0 { detail.append("tls \(ms(c.tlsMs))") }
        if !version.isEmpty { detail.append(version) }
        return "new conn (\(detail.joined(separator: ", ")))"
    }

    /// Milliseconds under 10 s as `12.3 ms` / `412 ms`; longer as seconds.
    public static func ms(_ value: Double) -> String {
        if value < 10 { return String(format: "%.1f ms", value) }
        if value < 10_000 { return String(format: "%.0f ms", value) }
        return String(format: "%.2f s", value / 1000)
    }

    /// The session summary shown by `/stats` and at the end of batch runs.
    public static func session(_ s: SessionStats) -> [String] {
        var lines: [String] = []
        let total = s.requests.count
        lines.append("requests: \(total)" + (s.failures > 0 ? " (\(s.failures) failed)" : ""))
        lines.append(String(format: "connections: %d opened, %d reused (%.0f%% reuse)",
                            s.connectionsOpened, s.connectionsReused, s.reusePercent))
        if let p50 = s.ttftPercentile(50), let p95 = s.ttftPercentile(95) {
            lines.append("ttft: p50 \(ms(p50)), p95 \(ms(p95))")
        }
        if let p50 = s.totalPercentile(50), let p95 = s.totalPercentile(95) {
            lines.append("total: p50 \(ms(p50)), p95 \(ms(p95))")
        }
        if let rate = s.meanTokensPerSecond {
            lines.append(String(format: "throughput: %.1f tok/s mean, %d output tokens", rate, s.outputTokens))
        }
        let providers = s.byProvider
        if providers.count > 1 {
            for (name, p) in providers.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(name): \(p.requests.count) request\(p.requests.count == 1 ? "" : "s"), \(p.connectionsOpened) opened / \(p.connectionsReused) reused"
                    + (p.ttftPercentile(50).map { ", ttft p50 \(ms($0))" } ?? ""))
            }
        }
        return lines
    }
}
