import Foundation
import HTTPMessage
/// The pieces of a request URL that SigV4 needs, split without Foundation's URL so that the path
/// keeps exactly the percent-encoding it will be sent with.
struct SigV4URLParts: Sendable, Hashable {
    var scheme: String
    /// `host` or `host:port` (the port only when it is not the scheme's default), as curl sends it.
    var hostHeader: String
    /// The path as sent, still percent-encoded; `/` when the URL has none.
    var path: String
    /// The raw query string without the `?`, or empty.
    var query: String

    init?(_ url: String) {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        scheme = url[..<schemeEnd.lowerBound].lowercased()
        var rest = Substring(url[schemeEnd.upperBound...])
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        guard !authority.isEmpty else { return nil }
        hostHeader = Self.stripDefaultPort(String(authority).lowercased(), scheme: scheme)
        let pathAndQuery = rest[authorityEnd...]
        if let question = pathAndQuery.firstIndex(of: "?") {
            path = String(pathAndQuery[..<question])
            query = String(pathAndQuery[pathAndQuery.index(after: question)...])
        } else {
            path = String(pathAndQuery)
            query = ""
        }
        if path.isEmpty { path = "/" }
    }

    /// botocore signs `host` without `:443` / `:80`, and curl sends it that way too.
    private static func stripDefaultPort(_ authority: String, scheme: String) -> String {
        let defaultPort = scheme == "https" ? ":443" : scheme == "http" ? ":80" : nil
        if let defaultPort, authority.hasSuffix(defaultPort) {
            return String(authority.dropLast(defaultPort.count))
        }
        return authority
    }
}

/// Percent-encoding as AWS defines it: every byte except `A–Z a–z 0–9 - . _ ~` becomes `%XX` (upper-case hex).
public enum AWSPercentEncoding {
    /// Encodes `text` (as UTF-8), keeping unreserved characters and, when `keepSlash`, `/`.
    public static func encode(_ text: String, keepSlash: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` escapes; a malformed escape is kept as is (the server would see it that way too).
    static func decode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// The canonicalisation steps of SigV4, each a pure function of its input.
enum SigV4Canonical {
    /// Headers botocore never signs: hop-by-hop headers and ones proxies or clients rewrite.
    static let unsignedHeaders: Set<String> = [
        "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
        "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    /// The path percent-encoded again (so `%3A` becomes `%253A`); S3 signs the path as sent.
    static func uri(path: String, service: String) -> String {
        service == "s3" ? path : AWSPercentEncoding.encode(path, keepSlash: true)
    }

    /// Query parameters decoded, re-encoded the AWS way, and sorted by name then value (byte order).
    static func query(_ raw: String) -> String {
        guard !raw.isEmpty else { return "" }
        let pairs: [(String, String)] = raw.split(separator: "&", omittingEmptySubsequences: true).map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = AWSPercentEncoding.encode(AWSPercentEncoding.decode(String(parts[0])))
            let value = parts.count > 1 ? AWSPercentEncoding.encode(AWSPercentEncoding.decode(String(parts[1]))) : ""
            return (name, value)
        }
        let sorted = pairs.sorted { lhs, rhs in
            lhs.0 != rhs.0 ? lhs.0.utf8.lexicographicallyPrecedes(rhs.0.utf8)
                           : lhs.1.utf8.lexicographicallyPrecedes(rhs.1.utf8)
        }
        return sorted.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// Trims the value and collapses inner whitespace runs to one space (AWS's `Trimall`).
    static func trimAll(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" })
            .joined(separator: " ")
    }

    /// Lower-cased names with their values (repeated headers joined by `,` in order), sorted by name.
    static func headers(_ headers: HTTPHeaders) -> [(name: String, value: String)] {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for field in headers {
            let name = field.name.lowercased()
            guard !unsignedHeaders.contains(name) else { continue }
            if values[name] == nil { order.append(name) }
            values[name, default: []].append(trimAll(field.value))
        }
        return order.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { (name: $0, value: values[$0, default: []].joined(separator: ",")) }
    }
}
