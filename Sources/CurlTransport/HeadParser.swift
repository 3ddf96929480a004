import HTTPMessage

/// The status line and headers of a response, known before its body.
struct ResponseHead: Sendable, Hashable {
    var status: Int
    var headers: HTTPHeaders
}

/// Collects header lines from libcurl's header callback into a status and header list.
///
/// libcurl passes every header block it sees (100 Continue, redirects, the final reply); a new status
/// line starts a new block, and the blank line after a final (non-1xx) status completes the head.
struct HeadParser {
    private(set) var status = 0
    private(set) var headers = HTTPHeaders()
    var delivered = false

    /// Returns the head when this line completes it.
    mutating func consume(_ bytes: UnsafeRawBufferPointer) -> ResponseHead? {
        // The line ending is cut as bytes: in a String, "\r\n" is one Character, equal to neither "\r"
        // nor "\n", so trimming Characters would leave it on every value (and no line would be blank).
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "\r") || bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        let line = Substring(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            let parts = line.split(separator: " ", maxSplits: 2)
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            headers = HTTPHeaders()
            return nil
        }
        if line.isEmpty {
            guard !delivered, !(100...199).contains(status) else { return nil }
            delivered = true
            return ResponseHead(status: status, headers: headers)
        }
        if let colon = line.firstIndex(of: ":") {
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            headers.add(name, String(value))
        }
        return nil
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
