import Foundation

/// Hand-written JSON output (so field order and spacing match the recorded provider streams) and
/// loose access to parsed request bodies.
package enum JSONText {
    /// `s` as a quoted JSON string literal. Non-ASCII text is written raw as UTF-8, as the providers do.
    package static func quote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Parses a request body as a JSON object; nil when it is not one.
    package static func object(_ body: [UInt8]) -> [String: Any]? {
        guard !body.isEmpty else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }
}

/// Typed reads from a parsed JSON object, tolerant of the shapes clients send.
extension Dictionary where Key == String, Value == Any {
    package func string(_ key: String) -> String? { self[key] as? String }
    package func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
    package func array(_ key: String) -> [Any]? { self[key] as? [Any] }

    /// An integer, whether the client wrote `5` or `5.0`.
    package func int(_ key: String) -> Int? {
        if let n = self[key] as? NSNumber, !(self[key] is Bool) { return n.intValue }
        return nil
    }

    /// A boolean; JSONSerialization gives NSNumber for both booleans and numbers.
    package func bool(_ key: String) -> Bool? {
        guard let n = self[key] as? NSNumber else { return nil }
        return n.boolValue
    }
}

/// Text pulled out of any provider's message formats.
package enum MessageText {
    /// Text of a `content` that is a string or an array of blocks with `text` fields.
    package static func of(_ content: Any?) -> String {
        if let s = content as? String { return s }
        guard let blocks = content as? [Any] else { return "" }
        return blocks.compactMap { ($0 as? [String: Any])?.string("text") }.joined(separator: " ")
    }
}
