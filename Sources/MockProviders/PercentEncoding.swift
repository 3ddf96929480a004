import LoopbackServer

/// RFC 3986 percent-encoding as AWS SigV4 needs it (decoding is the loopback server's).
extension PercentEncoding {
    /// Encodes every byte except unreserved characters (`A–Z a–z 0–9 - . _ ~`), and `/` when `keepSlash`.
    static func encode<S: StringProtocol>(_ text: S, keepSlash: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for b in text.utf8 {
            if isUnreserved(b) || (keepSlash && b == UInt8(ascii: "/")) {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                out += "%" + String(hexDigits[Int(b >> 4)]) + String(hexDigits[Int(b & 0xF)])
            }
        }
        return out
    }

    private static let hexDigits = Array("0123456789ABCDEF")

    private static func isUnreserved(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}
