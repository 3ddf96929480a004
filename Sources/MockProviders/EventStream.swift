/// AWS event-stream framing (`application/vnd.amazon.eventstream`, providers.md §6): big-endian
/// prelude (total length, headers length, prelude CRC), headers, payload, message CRC.
enum EventStream {
    /// One message with string-valued headers (type 7), in the given order.
    static func frame(headers: [(String, String)], payload: [UInt8]) -> [UInt8] {
        var headerBytes: [UInt8] = []
        for (name, value) in headers {
            let nameBytes = Array(name.utf8)
            let valueBytes = Array(value.utf8)
            headerBytes.append(UInt8(truncatingIfNeeded: nameBytes.count))
            headerBytes += nameBytes
            headerBytes.append(7)
            headerBytes += bigEndian(UInt16(truncatingIfNeeded: valueBytes.count))
            headerBytes += valueBytes
        }
        let total = UInt32(12 + headerBytes.count + payload.count + 4)
        var message = bigEndian(total) + bigEndian(UInt32(headerBytes.count))
        message += bigEndian(CRC32.checksum(message))
        message += headerBytes
        message += payload
        message += bigEndian(CRC32.checksum(message))
        return message
    }

    /// An `event` message: `:event-type`, `:content-type`, `:message-type` as Bedrock orders them.
    static func event(_ type: String, json: String) -> [UInt8] {
        frame(headers: [(":event-type", type), (":content-type", "application/json"), (":message-type", "event")],
              payload: Array(json.utf8))
    }

    /// A modelled exception message, e.g. `throttlingException`.
    static func exception(_ type: String, json: String) -> [UInt8] {
        frame(headers: [(":exception-type", type), (":content-type", "application/json"),
                        (":message-type", "exception")],
              payload: Array(json.utf8))
    }

    private static func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }
}

/// CRC-32 (IEEE 802.3, the zlib/`binascii.crc32` one), table-driven.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// The checksum of `bytes`.
    static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
