/// A parsed JSON document, read leniently: accessors return nil for a missing key or an unexpected type,
/// because servers that claim compatibility vary and one odd field must not make a reply unreadable.
///
/// It exists because stream payloads are parsed once per token on many concurrent streams, and a
/// purpose-built byte parser is several times faster than Foundation's JSON on Linux.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number as written (`42`, `-1.5e3`), converted on access so no precision is lost.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in document order; lookups take the last of duplicate keys, as most parsers do.
    case object([JSONMember])

    /// Parses a complete document (surrounding whitespace allowed).
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONParseError) in
            var parser = JSONParser(buffer)
            return try parser.parseDocument()
        }
    }

    /// Parses a complete document from text, without copying it when the string is native UTF-8.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        // `withUTF8` is not typed-throws, so the error travels out in a Result.
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONParseError) -> JSONValue in
                var parser = JSONParser(buffer)
                return try parser.parseDocument()
            }
        }
        return try result.get()
    }

    /// The member named `key` of an object; nil for other values or a missing key.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// The element at `index` of an array; nil for other values or out of range.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// The text of a string; nil for other values.
    public var string: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// The value of `true` or `false`; nil for other values.
    public var bool: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    /// A number as a Double; nil for other values.
    public var double: Double? {
        if case .number(let text) = self { Double(text) } else { nil }
    }

    /// The number as an integer when it is one (`12`, `12.0`, `1.2e1`).
    public var int: Int? {
        guard case .number(let text) = self else { return nil }
        if let value = Int(text) { return value }
        guard let value = Double(text), value.rounded() == value, abs(value) < 9.0e15 else { return nil }
        return Int(value)
    }

    /// The elements of an array; nil for other values.
    public var array: [JSONValue]? {
        if case .array(let value) = self { value } else { nil }
    }

    /// The members of an object in document order; nil for other values.
    public var members: [JSONMember]? {
        if case .object(let value) = self { value } else { nil }
    }

    /// True for JSON `null`.
    public var isNull: Bool { self == .null }

    /// A scalar as text whatever its JSON type (`"429"`, `429`, `true`), for fields that providers
    /// type inconsistently, such as error codes; nil for null, arrays and objects.
    public var scalarText: String? {
        switch self {
        case .string(let value), .number(let value): value
        case .bool(let value): value ? "true" : "false"
        case .null, .array, .object: nil
        }
    }
}

/// One `"key": value` pair of a JSON object.
public struct JSONMember: Sendable, Hashable {
    public var key: String
    public var value: JSONValue
    /// A member as written in the document.
    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// Why a document is not valid JSON, and the byte offset where that was found.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var offset: Int
    public var reason: String
    /// An error found at byte `offset`.
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }
    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}
