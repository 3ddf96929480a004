import struct Foundation.UUID

/// Incremental decoder for `application/vnd.amazon.eventstream` (AWS's binary framing, providers.md §6).
///
/// Feed it bytes as they arrive in any chunking; it returns every message the bytes complete. Lengths
/// are trusted only after the prelude CRC matched, and a message only after its own CRC matched.
/// Any error is final: the framing cannot be recovered, so later calls throw the same error.
public struct EventStreamDecoder: Sendable {
    /// botocore's header-block limit; a bigger one means a corrupt or hostile stream.
    public static let maxHeadersLength = 128 * 1024
    /// botocore's payload limit.
    public static let maxPayloadLength = 24 * 1024 * 1024
    private static let preludeLength = 12
    private static let overhead = 16

    private var buffer: [UInt8] = []
    /// Start of the first undecoded byte in `buffer`; consumed bytes are dropped lazily.
    private var start = 0
    private var failure: EventStreamError?

    public init() {}

    /// True when bytes of an incomplete message are buffered.
    public var hasPartialMessage: Bool { buffer.count > start }

    /// Decodes every message completed by `bytes`. When a bad message follows good ones in the same
    /// read, the good ones are returned and the error is thrown by the next call.
    public mutating func feed(_ bytes: [UInt8]) throws -> [EventStreamMessage] {
        if let failure { throw failure }
        buffer += bytes
        var messages: [EventStreamMessage] = []
        do {
            while let message = try nextMessage() { messages.append(message) }
        } catch let error as EventStreamError {
            failure = error
            if messages.isEmpty { throw error }
            return messages
        }
        if start > 0, start * 2 >= buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
        return messages
    }

    /// Call at end of input: throws `.truncated` when the input stopped inside a message.
    public mutating func finish() throws {
        if let failure { throw failure }
        if hasPartialMessage { throw EventStreamError.truncated(bufferedBytes: buffer.count - start) }
    }

    private mutating func nextMessage() throws -> EventStreamMessage? {
        guard buffer.count - start >= Self.preludeLength else { return nil }
        let total = readUInt32(at: start)
        let headersLength = readUInt32(at: start + 4)
        let preludeCRC = readUInt32(at: start + 8)
        let actualPreludeCRC = CRC32.checksum(buffer, start..<(start + 8))
        guard preludeCRC == actualPreludeCRC else {
            throw EventStreamError.preludeChecksumMismatch(expected: preludeCRC, actual: actualPreludeCRC)
        }
        guard total >= UInt32(Self.overhead), headersLength <= total - UInt32(Self.overhead) else {
            throw EventStreamError.invalidLength(total: total, headers: headersLength)
        }
        guard Int(headersLength) <= Self.maxHeadersLength else { throw EventStreamError.headersTooLarge(Int(headersLength)) }
        let payloadLength = Int(total) - Int(headersLength) - Self.overhead
        guard payloadLength <= Self.maxPayloadLength else { throw EventStreamError.payloadTooLarge(payloadLength) }
        guard buffer.count - start >= Int(total) else { return nil }

        let end = start + Int(total)
        let messageCRC = readUInt32(at: end - 4)
        let actualMessageCRC = CRC32.checksum(buffer, start..<(end - 4))
        guard messageCRC == actualMessageCRC else {
            throw EventStreamError.messageChecksumMismatch(expected: messageCRC, actual: actualMessageCRC)
        }
        let headersStart = start + Self.preludeLength
        let payloadStart = headersStart + Int(headersLength)
        let headers = try parseHeaders(headersStart..<payloadStart)
        let payload = Array(buffer[payloadStart..<(end - 4)])
        start = end
        return EventStreamMessage(headers: headers, payload: payload)
    }

    private func parseHeaders(_ range: Range<Int>) throws -> [String: EventStreamHeaderValue] {
        var headers: [String: EventStreamHeaderValue] = [:]
        var cursor = range.lowerBound
        func take(_ count: Int) throws -> Range<Int> {
            guard count <= range.upperBound - cursor else { throw EventStreamError.malformedHeader }
            defer { cursor += count }
            return cursor..<(cursor + count)
        }
        func integer(_ width: Int) throws -> UInt64 {
            try take(width).reduce(UInt64(0)) { $0 << 8 | UInt64(buffer[$1]) }
        }
        while cursor < range.upperBound {
            let nameLength = Int(try integer(1))
            guard let name = String(validating: buffer[try take(nameLength)], as: UTF8.self) else {
                throw EventStreamError.malformedHeader
            }
            let type = UInt8(try integer(1))
            let value: EventStreamHeaderValue
            switch type {
            case 0: value = .bool(true)
            case 1: value = .bool(false)
            case 2: value = .byte(Int8(bitPattern: UInt8(try integer(1))))
            case 3: value = .short(Int16(bitPattern: UInt16(try integer(2))))
            case 4: value = .int(Int32(bitPattern: UInt32(try integer(4))))
            case 5: value = .long(Int64(bitPattern: try integer(8)))
            case 6: value = .bytes(Array(buffer[try take(Int(try integer(2)))]))
            case 7:
                guard let text = String(validating: buffer[try take(Int(try integer(2)))], as: UTF8.self) else {
                    throw EventStreamError.malformedHeader
                }
                value = .string(text)
            case 8: value = .timestamp(Int64(bitPattern: try integer(8)))
            case 9:
                let b = Array(buffer[try take(16)])
                value = .uuid(UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15])))
            default:
                // Without the type there is no width, so nothing after this header can be located.
                throw EventStreamError.unknownHeaderType(type)
            }
            guard headers.updateValue(value, forKey: name) == nil else { throw EventStreamError.duplicateHeader(name) }
        }
        return headers
    }

    private func readUInt32(at offset: Int) -> UInt32 {
        buffer[offset..<(offset + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }
}
