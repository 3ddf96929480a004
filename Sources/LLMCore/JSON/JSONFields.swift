/// The fields of a JSON object, read with Codable's rules for optional properties: an absent or null
/// field is nil, and a present field of another type makes the whole payload unreadable.
///
/// Native provider payloads were read with `JSONDecoder` into Codable structs; reading them through
/// this keeps what counts as a malformed payload the same, at the parser's speed.
struct JSONFields {
    private let members: [JSONMember]

    /// The fields of `value`; throws when it is not an object.
    init(_ value: JSONValue) throws(JSONShapeError) {
        guard case .object(let members) = value else { throw JSONShapeError() }
        self.members = members
    }

    /// The value of `key`, nil when absent or null. The last of duplicate keys wins, as in `JSONValue`.
    private func field(_ key: String) -> JSONValue? {
        guard let value = members.last(where: { $0.key == key })?.value, value != .null else { return nil }
        return value
    }

    /// The raw value of `key` (a tool call's `input`, a schema), nil when absent or null.
    func value(_ key: String) -> JSONValue? { field(key) }

    func string(_ key: String) throws(JSONShapeError) -> String? {
        guard let value = field(key) else { return nil }
        guard case .string(let text) = value else { throw JSONShapeError() }
        return text
    }

    func bool(_ key: String) throws(JSONShapeError) -> Bool? {
        guard let value = field(key) else { return nil }
        guard case .bool(let flag) = value else { throw JSONShapeError() }
        return flag
    }

    /// An integer; `12.0` and `1.2e1` count, `1.5` and numbers beyond `Int` do not (as for Codable).
    func int(_ key: String) throws(JSONShapeError) -> Int? {
        guard let value = field(key) else { return nil }
        guard let number = value.int else { throw JSONShapeError() }
        return number
    }

    /// A nested object read as `T`.
    func object<T: JSONReadable>(_ key: String, as type: T.Type = T.self) throws(JSONShapeError) -> T? {
        guard let value = field(key) else { return nil }
        return try T(JSONFields(value))
    }

    /// An array of objects read as `T`; any element that is not one makes the payload unreadable.
    func array<T: JSONReadable>(_ key: String, of type: T.Type = T.self) throws(JSONShapeError) -> [T]? {
        guard let value = field(key) else { return nil }
        guard case .array(let elements) = value else { throw JSONShapeError() }
        var out: [T] = []
        out.reserveCapacity(elements.count)
        for element in elements { out.append(try T(JSONFields(element))) }
        return out
    }
}

/// A payload whose JSON has a field of the wrong type (or is not an object where one is expected).
struct JSONShapeError: Error {}

/// A wire type read from the fields of a JSON object.
protocol JSONReadable {
    init(_ fields: JSONFields) throws(JSONShapeError)
}

extension JSONReadable {
    /// Parses and reads a payload; nil when it is not JSON or not of this shape.
    static func read(_ bytes: [UInt8]) -> Self? {
        guard let value = try? JSONValue.parse(bytes) else { return nil }
        return try? Self(JSONFields(value))
    }

    /// The same for text (an SSE `data:` field), without copying it.
    static func read(_ text: String) -> Self? {
        guard let value = try? JSONValue.parse(text) else { return nil }
        return try? Self(JSONFields(value))
    }
}
