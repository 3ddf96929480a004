import struct Foundation.UUID

/// The value of one `application/vnd.amazon.eventstream` header; the case decides the wire type code.
public enum EventStreamHeaderValue: Sendable, Hashable {
    /// Type 0 (true) or 1 (false); no value bytes.
    case bool(Bool)
    /// Type 2.
    case byte(Int8)
    /// Type 3.
    case short(Int16)
    /// Type 4.
    case int(Int32)
    /// Type 5.
    case long(Int64)
    /// Type 6: uint16 length + bytes.
    case bytes([UInt8])
    /// Type 7: uint16 length + UTF-8.
    case string(String)
    /// Type 8: milliseconds since the Unix epoch.
    case timestamp(Int64)
    /// Type 9: 16 bytes.
    case uuid(UUID)

    /// The string value, or nil for other types.
    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }
}

/// One header, in wire order.
public struct EventStreamHeader: Sendable, Hashable {
    public var name: String
    public var value: EventStreamHeaderValue
    public init(_ name: String, _ value: EventStreamHeaderValue) {
        self.name = name
        self.value = value
    }
}

/// One decoded event-stream message: its headers by name, and its payload bytes.
public struct EventStreamMessage: Sendable, Hashable {
    public var headers: [String: EventStreamHeaderValue]
    public var payload: [UInt8]

    public init(headers: [String: EventStreamHeaderValue], payload: [UInt8]) {
        self.headers = headers
        self.payload = payload
    }

    /// A string header's value (`:message-type`, `:event-type`, …).
    public subscript(string name: String) -> String? { headers[name]?.stringValue }
}

/// Why a byte stream is not a valid event stream; after one of these the stream cannot be resynchronised.
public enum EventStreamError: Error, Sendable, Hashable, CustomStringConvertible {
    case preludeChecksumMismatch(expected: UInt32, actual: UInt32)
    case messageChecksumMismatch(expected: UInt32, actual: UInt32)
    /// Total or headers length impossible for a message (too short, headers longer than the message).
    case invalidLength(total: UInt32, headers: UInt32)
    case headersTooLarge(Int)
    case payloadTooLarge(Int)
    case unknownHeaderType(UInt8)
    case duplicateHeader(String)
    /// A header runs past the end of the header block, or its name or string value is not UTF-8.
    case malformedHeader
    /// The input ended inside a message.
    case truncated(bufferedBytes: Int)

    public var description: String {
        switch self {
        case .preludeChecksumMismatch(let expected, let actual):
            "prelude CRC mismatch (frame says \(hex(expected)), bytes give \(hex(actual)))"
        case .messageChecksumMismatch(let expected, let actual):
            "message CRC mismatch (frame says \(hex(expected)), bytes give \(hex(actual)))"
        case .invalidLength(let total, let headers): "impossible lengths (total \(total), headers \(headers))"
        case .headersTooLarge(let size): "headers of \(size) bytes exceed the 128 KiB limit"
        case .payloadTooLarge(let size): "payload of \(size) bytes exceeds the 24 MiB limit"
        case .unknownHeaderType(let code): "unknown header value type \(code)"
        case .duplicateHeader(let name): "duplicate header '\(name)'"
        case .malformedHeader: "malformed header block"
        case .truncated(let count): "the stream ended inside a message (\(count) bytes pending)"
        }
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}

/// Encodes event-stream messages; used by tests and the mock server's counterpart.
public enum EventStreamEncoder {
    /// The bytes of one message with both CRCs filled in; headers keep the given order.
    public static func encode(headers: [EventStreamHeader], payload: [UInt8]) -> [UInt8] {
        var headerBytes: [UInt8] = []
        for header in headers {
            let name = Array(header.name.utf8)
            headerBytes.append(UInt8(truncatingIfNeeded: name.count))
            headerBytes += name
            switch header.value {
            case .bool(let value): headerBytes.append(value ? 0 : 1)
            case .byte(let value): headerBytes += [2, UInt8(bitPattern: value)]
            case .short(let value): headerBytes.append(3); append(UInt64(UInt16(bitPattern: value)), width: 2, to: &headerBytes)
            case .int(let value): headerBytes.append(4); append(UInt64(UInt32(bitPattern: value)), width: 4, to: &headerBytes)
            case .long(let value): headerBytes.append(5); append(UInt64(bitPattern: value), width: 8, to: &headerBytes)
            case .bytes(let value):
                headerBytes.append(6); append(UInt64(value.count), width: 2, to: &headerBytes); headerBytes += value
            case .string(let value):
                let utf8 = Array(value.utf8)
                headerBytes.append(7); append(UInt64(utf8.count), width: 2, to: &headerBytes); headerBytes += utf8
            case .timestamp(let value): headerBytes.append(8); append(UInt64(bitPattern: value), width: 8, to: &headerBytes)
            case .uuid(let value):
                headerBytes.append(9)
                withUnsafeBytes(of: value.uuid) { headerBytes += $0 }
            }
        }
        var message: [UInt8] = []
        append(UInt64(16 + headerBytes.count + payload.count), width: 4, to: &message)
        append(UInt64(headerBytes.count), width: 4, to: &message)
        append(UInt64(CRC32.checksum(message)), width: 4, to: &message)
        message += headerBytes
        message += payload
        append(UInt64(CRC32.checksum(message)), width: 4, to: &message)
        return message
    }

    private static func append(_ value: UInt64, width: Int, to bytes: inout [UInt8]) {
        for shift in stride(from: (width - 1) * 8, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }
}
