import Foundation
/// One request header as received (name keeps its original case).
public struct LoopbackHeader: Sendable, Equatable {
    /// Header name as the client spelled it.
    public var name: String
    /// Header value with surrounding whitespace removed.
    public var value: String

    /// Creates a header.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A parsed HTTP/1.x request.
package struct HTTPRequest: Sendable {
    package var method: String
    /// Path and query exactly as sent (still percent-encoded).
    package var target: String
    package var version: String
    package var headers: [LoopbackHeader]
    package var body: [UInt8] = []
    /// The host a client sent an absolute-form target for (`POST http://host/path`), as it does to an
    /// HTTP proxy; the target is then reduced to its path, so the server also serves as a forward proxy.
    package var proxiedAuthority: String?

    /// A request as parsed (or built by a test).
    package init(method: String, target: String, version: String, headers: [LoopbackHeader], body: [UInt8] = [],
                 proxiedAuthority: String? = nil) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
        self.proxiedAuthority = proxiedAuthority
    }

    /// The raw path: the target up to `?`.
    package var path: Substring { target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0] }

    /// The raw query after `?`, or "".
    package var rawQuery: Substring {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count > 1 ? parts[1] : ""
    }

    /// Query parameters, percent-decoded, in order.
    package var queryItems: [(name: String, value: String)] {
        rawQuery.split(separator: "&").map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (PercentEncoding.decode(kv[0], plusIsSpace: true),
                    kv.count > 1 ? PercentEncoding.decode(kv[1], plusIsSpace: true) : "")
        }
    }

    /// The first value of query parameter `name`.
    package func query(_ name: String) -> String? { queryItems.first { $0.name == name }?.value }

    /// Every value of header `name` (case-insensitive), in order.
    package func headerValues(_ name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name }.map(\.value)
    }

    /// The first value of header `name` (pass it lower-cased).
    package func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name }?.value
    }

    /// Whether the client asked to close the connection after this response.
    package var wantsClose: Bool {
        let tokens = headerValues("connection").flatMap { $0.lowercased().split(separator: ",") }
            .map { $0.trimmingSpaces }
        if version == "HTTP/1.0" { return !tokens.contains("keep-alive") }
        return tokens.contains("close")
    }

    /// Whether the body uses chunked transfer coding.
    package var isChunked: Bool {
        headerValues("transfer-encoding").contains { $0.lowercased().contains("chunked") }
    }

    /// The token of an `Authorization: Bearer …` header.
    package var bearerToken: String? {
        guard let value = header("authorization"), value.lowercased().hasPrefix("bearer ") else { return nil }
        return value.dropFirst(7).trimmingSpaces
    }
}

/// Outcome of looking for something in the bytes received so far.
package enum ParseStep<T> {
    case needMore
    case invalid(String)
    case done(T, consumed: Int)
}

/// Pure parsing of request heads and chunked bodies from a byte buffer.
package enum HTTPParser {
    /// Parses a request head (request line + headers, ended by an empty line; CRLF or bare LF).
    package static func parseHead(_ bytes: ArraySlice<UInt8>) -> ParseStep<HTTPRequest> {
        guard let end = headEnd(bytes) else { return .needMore }
        // Split on the LF byte: as Characters, "\r\n" is one grapheme and would not split on "\n".
        var lines = bytes[bytes.startIndex..<end.headerEnd].split(separator: 0x0A, omittingEmptySubsequences: false)
            .map { line in String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)[...] }
        while let first = lines.first, first.isEmpty { lines.removeFirst() }  // tolerate stray CRLFs
        guard let requestLine = lines.first else { return .invalid("empty request") }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else {
            return .invalid("bad request line")
        }
        var headers: [LoopbackHeader] = []
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return .invalid("bad header line") }
            headers.append(LoopbackHeader(String(line[..<colon]),
                                          String(line[line.index(after: colon)...].trimmingSpaces)))
        }
        var target = String(parts[1])
        var proxiedAuthority: String?
        if let scheme = target.range(of: "://"), target.lowercased().hasPrefix("http") {
            let rest = target[scheme.upperBound...]
            let slash = rest.firstIndex(of: "/") ?? rest.endIndex
            proxiedAuthority = String(rest[..<slash])
            target = slash == rest.endIndex ? "/" : String(rest[slash...])
        }
        var request = HTTPRequest(method: String(parts[0]), target: target,
                                  version: String(parts[2]), headers: headers)
        request.proxiedAuthority = proxiedAuthority
        return .done(request, consumed: end.bodyStart - bytes.startIndex)
    }

    /// Decodes a chunked body; `consumed` includes the terminating chunk and trailers.
    package static func parseChunked(_ bytes: ArraySlice<UInt8>) -> ParseStep<[UInt8]> {
        var body: [UInt8] = []
        var i = bytes.startIndex
        while true {
            guard let lineEnd = bytes[i...].firstIndex(of: 0x0A) else { return .needMore }
            var sizeText = String(decoding: bytes[i..<lineEnd].filter { $0 != 0x0D }, as: UTF8.self)
            if let semicolon = sizeText.firstIndex(of: ";") { sizeText = String(sizeText[..<semicolon]) }
            guard let size = Int(sizeText.trimmingSpaces, radix: 16), size >= 0 else {
                return .invalid("bad chunk size")
            }
            i = lineEnd + 1
            if size == 0 {
                // Trailers end with an empty line.
                while true {
                    guard let end = bytes[i...].firstIndex(of: 0x0A) else { return .needMore }
                    let isEmpty = end == i || (end == i + 1 && bytes[i] == 0x0D)
                    i = end + 1
                    if isEmpty { return .done(body, consumed: i - bytes.startIndex) }
                }
            }
            guard bytes.endIndex - i >= size + 1 else { return .needMore }
            body.append(contentsOf: bytes[i..<(i + size)])
            i += size
            if bytes[i] == 0x0D { i += 1 }
            guard i < bytes.endIndex else { return .needMore }
            guard bytes[i] == 0x0A else { return .invalid("chunk not followed by CRLF") }
            i += 1
        }
    }

    /// Finds the blank line ending a head: returns where the header text ends and the body starts.
    private static func headEnd(_ bytes: ArraySlice<UInt8>) -> (headerEnd: Int, bodyStart: Int)? {
        var i = bytes.startIndex
        while let nl = bytes[i...].firstIndex(of: 0x0A) {
            let next = nl + 1
            if next < bytes.endIndex, bytes[next] == 0x0A { return (nl, next + 1) }
            if next + 1 < bytes.endIndex, bytes[next] == 0x0D, bytes[next + 1] == 0x0A { return (nl, next + 2) }
            if next >= bytes.endIndex || (bytes[next] == 0x0D && next + 1 >= bytes.endIndex) { return nil }
            i = next
        }
        return nil
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    package var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
