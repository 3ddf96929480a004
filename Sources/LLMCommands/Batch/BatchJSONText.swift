import LLMCore
import Terminal
import LLMClient

/// Compact JSON text for the objects `batch` and `compare` print, keys in the order they were built
/// (Foundation's serializer either sorts keys or scrambles them; `id` first reads better in JSONL).
enum BatchJSONText {
    static func render(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    static func write(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let text): out += text
        case .string(let text): writeString(text, into: &out)
        case .array(let elements):
            out += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { out += "," }
                write(element, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                writeString(member.key, into: &out)
                out += ":"
                write(member.value, into: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                // Control characters must be escaped; U+2028/9 too, so the line is safe for JavaScript readers.
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension JSONValue {
    /// A number rounded to three decimals (milliseconds to the microsecond); null when not finite.
    static func number(_ value: Double) -> JSONValue {
        guard value.isFinite else { return .null }
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return .number(String(Int(rounded))) }
        return .number(String(rounded))
    }

    static func number(_ value: Int) -> JSONValue { .number(String(value)) }

    /// An object from key–value pairs, in order.
    static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(pairs.map { JSONMember(key: $0.key, value: $0.value) })
    }

    /// `.null` for nil.
    static func optional(_ value: JSONValue?) -> JSONValue { value ?? .null }
}
