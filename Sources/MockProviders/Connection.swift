import Synchronization
/// Serves one TCP connection on its own thread: reads requests (keep-alive, pipelining, chunked
/// bodies, `Expect: 100-continue`) and writes each response with its fault applied.
final class Connection {
    /// Request heads larger than this are refused (431).
    static let maxHeadBytes = 64 * 1024
    /// Request bodies larger than this are refused (413).
    static let maxBodyBytes = 64 * 1024 * 1024

    let fd: Int32
    let core: ServerCore
    private var inbox: [UInt8] = []

    init(fd: Int32, core: ServerCore) {
        self.fd = fd
        self.core = core
    }

    func run() {
        while !core.stopping.load(ordering: .relaxed) {
            guard let request = readRequest() else { return }
            guard serve(request) else { return }
        }
    }

    /// Reads the next complete request; nil at EOF, on errors (after answering them) or when stopping.
    private func readRequest() -> HTTPRequest? {
        var head: HTTPRequest
        while true {
            // Stray CRLFs between requests are allowed (RFC 9112 §2.2).
            if let first = inbox.firstIndex(where: { $0 != 0x0D && $0 != 0x0A }), first > 0 {
                inbox.removeFirst(first)
            }
            switch HTTPParser.parseHead(inbox[...]) {
            case .done(let request, let consumed):
                inbox.removeFirst(consumed)
                head = request
            case .invalid(let why):
                refuse(400, why)
                return nil
            case .needMore:
                if inbox.count > Self.maxHeadBytes {
                    refuse(431, "request head too large")
                    return nil
                }
                guard Socket.receive(fd, into: &inbox) > 0 else { return nil }
                continue
            }
            break
        }
        var continueSent = false
        func needMore() -> Bool {
            if !continueSent, head.header("expect")?.lowercased() == "100-continue" {
                continueSent = true
                guard Socket.sendAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return false }
            }
            return Socket.receive(fd, into: &inbox) > 0
        }
        if head.isChunked {
            while true {
                switch HTTPParser.parseChunked(inbox[...]) {
                case .done(let body, let consumed):
                    inbox.removeFirst(consumed)
                    head.body = body
                    return head
                case .invalid(let why):
                    refuse(400, why)
                    return nil
                case .needMore:
                    if inbox.count > Self.maxBodyBytes + 1024 {
                        refuse(413, "request body too large")
                        return nil
                    }
                    guard needMore() else { return nil }
                }
            }
        }
        let length = head.header("content-length").flatMap { Int($0) } ?? 0
        guard length >= 0 else {
            refuse(400, "bad content-length")
            return nil
        }
        guard length <= Self.maxBodyBytes else {
            refuse(413, "request body too large")
            return nil
        }
        while inbox.count < length {
            guard needMore() else { return nil }
        }
        head.body = Array(inbox[..<length])
        inbox.removeFirst(length)
        return head
    }

    /// Answers one request; false when the connection must close afterwards.
    private func serve(_ request: HTTPRequest) -> Bool {
        let close = request.wantsClose
        if request.path.hasPrefix("/__mock/") {
            let response = ControlEndpoints.handle(request, core: core)
            return write(response, request: request, fault: .none, serial: 0, close: close) && !close
        }
        core.requests.add(1, ordering: .relaxed)
        core.record(request)
        let serial = core.serial.add(1, ordering: .relaxed).newValue
        let fault = core.nextFault()
        if let delay = fault.firstByteDelay, delay > .zero {
            switch Socket.wait(delay, fd: fd, stopFD: core.stopPipe.read) {
            case .elapsed: break
            case .peerClosed:
                core.early.add(1, ordering: .relaxed)
                return false
            case .stopping: return false
            }
        }
        let ctx = RequestContext(request: request, configuration: core.configuration, fault: fault,
                                 serial: serial, json: JSONText.object(request.body))
        var response: MockResponse
        switch Router.route(request) {
        case .answer(let answer):
            response = answer
        case .provider(let provider):
            if let refused = provider.validate(ctx) {
                response = refused
            } else if let status = fault.status {
                response = fault.body.map { .json(status, $0) } ?? provider.error(status: status, ctx)
            } else {
                response = provider.respond(ctx)
            }
        }
        response = response.adding(fault.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        // The path only: Gemini clients may put the API key in the query.
        core.log("\(request.method) \(request.path) -> \(response.status)")
        return write(response, request: request, fault: fault, serial: serial, close: close) && !close
    }

    /// Writes a response; false when the connection cannot be reused.
    private func write(_ response: MockResponse, request: HTTPRequest, fault: MockFault, serial: Int,
                       close: Bool) -> Bool {
        let writer = ResponseWriter(fd: fd, stopFD: core.stopPipe.read,
                                    chunkedAllowed: request.version != "HTTP/1.0",
                                    splitMax: fault.splitWrites ? fault.splitMaxBytes : nil,
                                    seed: UInt64(truncatingIfNeeded: serial))
        switch response {
        case .full(let status, let headers, var body):
            if request.method == "HEAD" { body = [] }
            writer.head(status: status, headers: headers, contentLength: body.count, close: close)
            if fault.dropAfterTokens != nil {
                // A non-streamed reply cut in half: fewer bytes than Content-Length promised.
                writer.body(Array(body.prefix(body.count / 2)))
                writer.flush()
                return false
            }
            writer.body(body)
            return writer.flush()
        case .stream(let status, let headers, let dialect, let plan):
            let runner = StreamRunner(writer: writer, dialect: dialect, plan: plan, fault: fault,
                                      tokenDelay: fault.tokenDelay ?? core.configuration.tokenDelay)
            switch runner.run(status: status, headers: headers, close: close) {
            case .completed: return writer.chunked
            case .clientGone:
                core.early.add(1, ordering: .relaxed)
                return false
            case .dropped, .stopping: return false
            }
        }
    }

    private func refuse(_ status: Int, _ why: String) {
        let body = Array(#"{"error":{"message":"mock-providers: \#(why)","type":"invalid_request_error"}}"#.utf8)
        let writer = ResponseWriter(fd: fd, stopFD: core.stopPipe.read, chunkedAllowed: true,
                                    splitMax: nil, seed: 0)
        writer.head(status: status, headers: [("content-type", "application/json")],
                    contentLength: body.count, close: true)
        writer.body(body)
        writer.flush()
    }
}
