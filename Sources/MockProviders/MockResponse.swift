#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a route answers: a whole body, or a stream played by `StreamRunner`.
enum MockResponse {
    case full(status: Int, headers: [(String, String)], body: [UInt8])
    case stream(status: Int, headers: [(String, String)], dialect: any StreamDialect, plan: ReplyPlan)

    /// A JSON body with the given status.
    static func json(_ status: Int, _ body: String, headers: [(String, String)] = []) -> MockResponse {
        .full(status: status, headers: [("content-type", "application/json")] + headers, body: Array(body.utf8))
    }

    var status: Int {
        switch self {
        case .full(let status, _, _), .stream(let status, _, _, _): status
        }
    }

    /// The same response with more headers.
    func adding(_ extra: [(String, String)]) -> MockResponse {
        guard !extra.isEmpty else { return self }
        switch self {
        case .full(let status, let headers, let body):
            return .full(status: status, headers: headers + extra, body: body)
        case .stream(let status, let headers, let dialect, let plan):
            return .stream(status: status, headers: headers + extra, dialect: dialect, plan: plan)
        }
    }
}

/// One request with everything a provider needs to answer it.
struct RequestContext {
    let request: HTTPRequest
    let configuration: MockConfiguration
    let fault: MockFault
    /// Per-server request number, used for ids.
    let serial: Int
    /// The body parsed as a JSON object, when it is one.
    let json: [String: Any]?

    /// A short stable id suffix for this request, e.g. `00000007`.
    var idSuffix: String {
        let digits = String(serial, radix: 16)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    /// The unix time used in `created` fields.
    var created: Int { Int(Clock.unixSeconds()) }

    /// `retryAfter` of the fault in whole seconds (at least 1 when set), for `retry-after` headers.
    var retryAfterSeconds: Int? {
        fault.retryAfter.map { max(1, ($0.wholeMilliseconds + 999) / 1000) }
    }
}

/// A provider's behaviour, split so faults slot in between checking and answering.
protocol ProviderRoute {
    /// Auth, version and body checks; a response here ends the request.
    func validate(_ ctx: RequestContext) -> MockResponse?
    /// The provider's real error for `status` (injected by a fault).
    func error(status: Int, _ ctx: RequestContext) -> MockResponse
    /// The normal reply.
    func respond(_ ctx: RequestContext) -> MockResponse
}

/// Wall-clock helpers (timestamps in responses only; all timing uses ContinuousClock).
enum Clock {
    static func unixSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// RFC 3339 UTC time with nanoseconds, as Ollama writes `created_at`.
    static func rfc3339Nanos() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var t = ts.tv_sec
        var parts = tm()
        gmtime_r(&t, &parts)
        func pad(_ v: Int32, _ width: Int = 2) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        let nanos = String(ts.tv_nsec)
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))T"
            + "\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec))."
            + String(repeating: "0", count: max(0, 9 - nanos.count)) + nanos + "Z"
    }
}
