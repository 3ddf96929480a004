#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a responder answers: a whole body, or a stream played by `StreamRunner`.
package enum LoopbackResponse {
    case full(status: Int, headers: [(String, String)], body: [UInt8])
    case stream(status: Int, headers: [(String, String)], dialect: any StreamDialect, plan: ReplyPlan)

    /// A JSON body with the given status.
    package static func json(_ status: Int, _ body: String, headers: [(String, String)] = []) -> LoopbackResponse {
        .full(status: status, headers: [("content-type", "application/json")] + headers, body: Array(body.utf8))
    }

    package var status: Int {
        switch self {
        case .full(let status, _, _), .stream(let status, _, _, _): status
        }
    }

    /// The same response with more headers.
    package func adding(_ extra: [(String, String)]) -> LoopbackResponse {
        guard !extra.isEmpty else { return self }
        switch self {
        case .full(let status, let headers, let body):
            return .full(status: status, headers: headers + extra, body: body)
        case .stream(let status, let headers, let dialect, let plan):
            return .stream(status: status, headers: headers + extra, dialect: dialect, plan: plan)
        }
    }
}

/// Wall-clock seconds, for the timestamps replies carry (all timing uses ContinuousClock).
package enum UnixTime {
    package static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
