/// The one JSON writer: request bodies, `batch` lines and `compare --json` objects are all written here.
extension JSONValue {
    /// Compact JSON text (no spaces or line breaks). Keys are written in the order the object holds
    /// them, or in byte order with `sortedKeys` (request bodies, so the same request is the same bytes).
    public func jsonText(sortedKeys: Bool = false) -> String {
        String(decoding: jsonBytes(sortedKeys: sortedKeys), as: UTF8.self)
    }

    /// The same text as UTF-8 bytes, ready to send.
    public func jsonBytes(sortedKeys: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        JSONWriter(sortedKeys: sortedKeys).write(self, into: &out)
        return out
    }
}

/// Writes `JSONValue`s as compact UTF-8 JSON.
///
/// Strings escape `"` and `\`, control characters (`\n`, `\r`, `\t`, the others as `\u00xx`) and
/// U+2028 / U+2029, which JavaScript readers of a JSON line would take as line ends; everything else,
/// `/` and DEL included, is written as is. Numbers are written as they are held (see `double(_:)`).
private struct JSONWriter {
    var sortedKeys: Bool

    func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out += "null".utf8
        case .bool(let flag): out += (flag ? "true" : "false").utf8
        case .number(let text): out += text.utf8
        case .string(let text): writeString(text, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            // Byte order is what the sorted-key JSONEncoder wrote for request bodies before.
            let ordered = sortedKeys ? members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } : members
            for (index, member) in ordered.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if text.utf8.withContiguousStorageIfAvailable({ Self.writeEscaped($0, into: &out) }) == nil {
            Array(text.utf8).withUnsafeBufferPointer { Self.writeEscaped($0, into: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Copies runs that need no escape in one go; most text is such a run.
    private static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var runStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let escape: String
            var width = 1
            switch byte {
            case UInt8(ascii: "\""): escape = #"\""#
            case UInt8(ascii: "\\"): escape = #"\\"#
            case UInt8(ascii: "\n"): escape = #"\n"#
            case UInt8(ascii: "\r"): escape = #"\r"#
            case UInt8(ascii: "\t"): escape = #"\t"#
            case 0..<0x20:
                escape = #"\u00"# + String(decoding: [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]], as: UTF8.self)
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
            case 0xE2 where bytes.count - index >= 3 && bytes[index + 1] == 0x80 && (bytes[index + 2] | 1) == 0xA9:
                escape = bytes[index + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#
                width = 3
            default:
                index += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            out += escape.utf8
            index += width
            runStart = index
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
    }
}
