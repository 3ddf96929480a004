import Foundation

/// JSON encoding with the settings every provider uses for request bodies.
public enum ProviderJSON {
    /// Encodes a request body; keys are sorted so bodies are deterministic (logs, golden tests).
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }
}
