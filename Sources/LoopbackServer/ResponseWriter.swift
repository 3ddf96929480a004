/// Decides write boundaries when a response is to arrive in pieces: given the bytes left of a
/// frame, how many go in the next write (each its own HTTP chunk when chunked).
package protocol WriteSplitter {
    /// The size of the next piece, 1…`remaining` (other values are clamped).
    mutating func nextPiece(remaining: Int) -> Int
}

/// Writes one response to the socket with exact control over framing and write boundaries:
/// chunked or not, every write whole or split into pieces, small frames coalesced or not.
package final class ResponseWriter {
    package let fd: Int32
    package let stopFD: Int32
    /// Use chunked transfer coding for streams (false for HTTP/1.0 clients: close-delimited).
    package let chunkedAllowed: Bool
    /// Buffer frames up to this many bytes before writing (0 = write every frame at once).
    package var coalesceLimit = 0
    /// Splits every write into pieces; nil writes each frame in one call.
    private var splitter: (any WriteSplitter)?
    private var pending: [UInt8] = []
    package private(set) var chunked = false
    /// Set once a write failed: the peer is gone or the socket was shut down.
    package private(set) var broken = false

    package init(fd: Int32, stopFD: Int32, chunkedAllowed: Bool, splitter: (any WriteSplitter)? = nil) {
        self.fd = fd
        self.stopFD = stopFD
        self.chunkedAllowed = chunkedAllowed
        self.splitter = splitter
    }

    /// Writes the status line and headers. `contentLength` nil means a streamed (chunked) body.
    @discardableResult
    package func head(status: Int, headers: [(String, String)], contentLength: Int?, close: Bool) -> Bool {
        var text = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if let contentLength {
            text += "content-length: \(contentLength)\r\n"
        } else if chunkedAllowed {
            chunked = true
            text += "transfer-encoding: chunked\r\n"
        }
        if close || (contentLength == nil && !chunkedAllowed) { text += "connection: close\r\n" }
        text += "\r\n"
        return emit(Array(text.utf8), framed: false)
    }

    /// Writes body bytes: one HTTP chunk when chunked (one per piece when splitting).
    @discardableResult
    package func body(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty else { return !broken }
        return emit(bytes, framed: chunked)
    }

    /// Ends the body (the terminating 0-chunk when chunked) and flushes.
    @discardableResult
    package func end() -> Bool {
        if chunked { append(Array("0\r\n\r\n".utf8)) }
        return flush()
    }

    /// Sends whatever is buffered.
    @discardableResult
    package func flush() -> Bool {
        guard !pending.isEmpty else { return !broken }
        defer { pending.removeAll(keepingCapacity: true) }
        return send(pending)
    }

    /// Flushes, then pauses; wakes early if the peer hangs up or the server stops.
    package func wait(_ duration: Duration) -> WaitResult {
        guard flush() else { return .peerClosed }
        guard duration > .zero else { return .elapsed }
        return Socket.wait(duration, fd: fd, stopFD: stopFD)
    }

    private func emit(_ bytes: [UInt8], framed: Bool) -> Bool {
        guard !broken else { return false }
        guard splitter != nil else {
            append(framed ? Self.chunk(bytes[...]) : bytes)
            return pending.count >= coalesceLimit ? flush() : true
        }
        guard flush() else { return false }
        var i = 0
        while i < bytes.count {
            let remaining = bytes.count - i
            let n = min(remaining, max(1, splitter?.nextPiece(remaining: remaining) ?? remaining))
            let piece = bytes[i..<(i + n)]
            guard send(framed ? Self.chunk(piece) : Array(piece)) else { return false }
            i += n
        }
        return true
    }

    private func append(_ bytes: [UInt8]) { pending.append(contentsOf: bytes) }

    private func send(_ bytes: [UInt8]) -> Bool {
        guard !broken else { return false }
        if !Socket.sendAll(fd, bytes) { broken = true }
        return !broken
    }

    private static func chunk(_ data: ArraySlice<UInt8>) -> [UInt8] {
        var out = Array(String(data.count, radix: 16).utf8)
        out += [0x0D, 0x0A]
        out += data
        out += [0x0D, 0x0A]
        return out
    }

    package static func reason(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 413: "Payload Too Large"
        case 422: "Unprocessable Entity"
        case 424: "Failed Dependency"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 529: "Site Overloaded"
        default: "Status \(status)"
        }
    }
}
