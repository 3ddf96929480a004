/// Constructors for building documents to write (request bodies, result lines).
extension JSONValue {
    /// An integer.
    public static func number(_ value: Int) -> JSONValue { .number(String(value)) }

    /// A Double in its shortest form that reads back as the same value (`0.3`, `1`, `2.5e-05`), as
    /// Foundation's JSONEncoder writes it; null when not finite, since JSON has no NaN or infinity.
    public static func double(_ value: Double) -> JSONValue {
        guard value.isFinite else { return .null }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }

    /// An object from key–value pairs, in order.
    public static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(pairs.map { JSONMember(key: $0.key, value: $0.value) })
    }

    /// An object of the pairs whose value is not nil, in order: how optional fields are left out of a body.
    public static func object(omittingNils pairs: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        .object(pairs.compactMap { pair in pair.value.map { JSONMember(key: pair.key, value: $0) } })
    }

    /// `.null` for nil.
    public static func optional(_ value: JSONValue?) -> JSONValue { value ?? .null }
}
