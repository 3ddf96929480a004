#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LoopbackServer

/// What a route answers: the loopback server's response (a whole body, or a planned stream).
typealias MockResponse = LoopbackResponse

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
    var created: Int { Int(UnixTime.seconds()) }

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

/// Wall-clock text for responses (timing itself uses ContinuousClock).
enum Clock {
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
