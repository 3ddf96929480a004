import Foundation

/// JSON encoding and decoding with the settings every provider uses.
public enum ProviderJSON {
    /// Encodes a request body; keys are sorted so bodies are deterministic (logs, golden tests).
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    /// Decodes a reply body or stream payload.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: some Sequence<UInt8>) throws -> T {
        try JSONDecoder().decode(type, from: Data(bytes))
    }
}

/// A JSON scalar read as text whatever its JSON type (`"429"`, `429`, `true`), for fields that
/// providers type inconsistently, such as error codes.
public struct JSONScalarText: Decodable, Sendable, Hashable {
    public var value: String

    public init(_ value: String) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else if let number = try? container.decode(Int.self) {
            value = String(number)
        } else if let number = try? container.decode(Double.self) {
            value = String(number)
        } else if let flag = try? container.decode(Bool.self) {
            value = String(flag)
        } else {
            throw DecodingError.typeMismatch(String.self, .init(codingPath: decoder.codingPath,
                                                                  debugDescription: "not a JSON scalar"))
        }
    }
}

extension KeyedDecodingContainer {
    /// The value for `key`, or nil when it is missing, null, or of an unexpected type: servers that
    /// claim compatibility vary, and one odd field must not make a whole reply unreadable.
    func lenient<T: Decodable>(_ type: T.Type, forKey key: Key) -> T? {
        (try? decodeIfPresent(type, forKey: key)) ?? nil
    }
}
