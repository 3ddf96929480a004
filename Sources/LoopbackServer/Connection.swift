import Synchronization

/// Answers the requests a loopback server reads; each connection's thread calls it in turn.
package protocol LoopbackResponder: Sendable {
    /// Answers `request` on `connection`; false when the connection must close afterwards.
    func serve(_ request: HTTPRequest, on connection: Connection) -> Bool
}

/// Serves one TCP connection on its own thread: reads requests (keep-alive, pipelining, chunked
/// bodies, `Expect: 100-continue`), hands each to the server's responder, and writes responses.
package final class Connection {
    /// Request heads larger than this are refused (431).
    static let maxHeadBytes = 64 * 1024
    /// Request bodies larger than this are refused (413).
    static let maxBodyBytes = 64 * 1024 * 1024

    package let fd: Int32
    package let server: ServerCore
    private var inbox: [UInt8] = []

    init(fd: Int32, server: ServerCore) {
        self.fd = fd
        self.server = server
    }

    func run() {
        while !server.stopping.load(ordering: .relaxed) {
            guard let request = readRequest() else { return }
            guard server.responder.serve(request, on: self) else { return }
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

    /// Writes `response` to `request`; false when the connection must close afterwards (the client
    /// asked to, the stream could not be delimited, or the client left).
    package func send(_ response: LoopbackResponse, for request: HTTPRequest,
                      splitter: (any WriteSplitter)? = nil, shape: StreamShape = .init()) -> Bool {
        let close = request.wantsClose
        let writer = makeWriter(for: request, splitter: splitter)
        switch response {
        case .full(let status, let headers, var body):
            if request.method == "HEAD" { body = [] }
            writer.head(status: status, headers: headers, contentLength: body.count, close: close)
            writer.body(body)
            return writer.flush() && !close
        case .stream(let status, let headers, let dialect, let plan):
            let runner = StreamRunner(writer: writer, dialect: dialect, plan: plan, shape: shape)
            switch runner.run(status: status, headers: headers, close: close) {
            case .completed: return writer.chunked && !close
            case .clientGone:
                server.early.add(1, ordering: .relaxed)
                return false
            case .dropped, .stopping: return false
            }
        }
    }

    /// A writer for the response to `request` (chunked streams unless the client speaks HTTP/1.0).
    package func makeWriter(for request: HTTPRequest, splitter: (any WriteSplitter)? = nil) -> ResponseWriter {
        ResponseWriter(fd: fd, stopFD: server.stopPipe.read, chunkedAllowed: request.version != "HTTP/1.0",
                       splitter: splitter)
    }

    /// Waits `duration` before answering; ends early when the server stops, the client hangs up, or
    /// `releaseFD` becomes readable.
    package func pause(_ duration: Duration, releaseFD: Int32 = -1) -> WaitResult {
        Socket.wait(duration, fd: fd, stopFD: server.stopPipe.read, releaseFD: releaseFD)
    }

    private func refuse(_ status: Int, _ why: String) {
        let message = JSONText.quote("\(server.name): \(why)")
        let body = Array(#"{"error":{"message":\#(message),"type":"invalid_request_error"}}"#.utf8)
        let writer = ResponseWriter(fd: fd, stopFD: server.stopPipe.read, chunkedAllowed: true)
        writer.head(status: status, headers: [("content-type", "application/json")],
                    contentLength: body.count, close: true)
        writer.body(body)
        writer.flush()
    }
}
