import LLMCore

extension JSONValue {
    /// A number rounded to three decimals (milliseconds to the microsecond); null when not finite.
    /// For the timings of the result object; LLMCore's own `double(_:)` writes numbers exactly.
    static func number(_ value: Double) -> JSONValue {
        guard value.isFinite else { return .null }
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return .number(String(Int(rounded))) }
        return .number(String(rounded))
    }
}
