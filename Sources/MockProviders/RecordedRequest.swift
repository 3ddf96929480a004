import LoopbackServer

/// One request header as received (name keeps its original case).
public typealias MockHTTPHeader = LoopbackHeader

/// A request as the server received it, kept for tests to inspect.
public struct RecordedRequest: Sendable, Equatable {
    /// HTTP method, e.g. `POST`.
    public var method: String
    /// Path plus query, exactly as sent.
    public var target: String
    /// Headers in the order received.
    public var headers: [MockHTTPHeader]
    /// The decoded body (chunked bodies already de-chunked).
    public var body: [UInt8]
    /// The host named by an absolute-form target (the request came as to a forward proxy); nil otherwise.
    public var proxiedAuthority: String?

    /// Creates a record.
    public init(method: String, target: String, headers: [MockHTTPHeader], body: [UInt8],
                proxiedAuthority: String? = nil) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.proxiedAuthority = proxiedAuthority
    }

    /// The path without the query.
    public var path: String { String(target.split(separator: "?", maxSplits: 1)[0]) }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The first value of header `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }
}

/// The most recent requests, oldest first, bounded so a long benchmark cannot grow memory.
struct RequestLog {
    private var storage: [RecordedRequest] = []
    private var next = 0
    let limit: Int

    init(limit: Int) { self.limit = max(0, limit) }

    mutating func append(_ request: RecordedRequest) {
        guard limit > 0 else { return }
        if storage.count < limit {
            storage.append(request)
        } else {
            storage[next] = request
            next = (next + 1) % limit
        }
    }

    var all: [RecordedRequest] { Array(storage[next...] + storage[..<next]) }

    mutating func removeAll() {
        storage.removeAll()
        next = 0
    }
}
