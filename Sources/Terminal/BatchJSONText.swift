import LLMCore

/// Compact JSON text for the objects `batch` and `compare` print, keys in the order they were built
/// (`id` first reads better in JSONL); LLMCore's one writer does the writing.
enum BatchJSONText {
    static func render(_ value: JSONValue) -> String { value.jsonText() }
}

extension JSONValue {
    /// A number rounded to three decimals (milliseconds to the microsecond); null when not finite.
    static func number(_ value: Double) -> JSONValue {
        guard value.isFinite else { return .null }
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return .number(String(Int(rounded))) }
        return .number(String(rounded))
    }
}
