import Foundation
import Testing
@testable import LLMCore

/// Hex (whitespace ignored) to bytes.
func hexBytes(_ text: String) -> [UInt8] {
    let digits = Array(text.filter { !$0.isWhitespace })
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
}

/// A big-endian uint32.
func be32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }

/// A frame with arbitrary header bytes and correct CRCs, for malformed-header cases.
func rawFrame(headerBytes: [UInt8], payload: [UInt8] = []) -> [UInt8] {
    var bytes = be32(16 + headerBytes.count + payload.count) + be32(headerBytes.count)
    bytes += be32(Int(CRC32.checksum(bytes)))
    bytes += headerBytes + payload
    return bytes + be32(Int(CRC32.checksum(bytes)))
}

/// Feeds `bytes` cut at `cut`, then finishes.
func decodeSplit(_ bytes: [UInt8], at cut: Int) throws -> [EventStreamMessage] {
    var decoder = EventStreamDecoder()
    let messages = try decoder.feed(Array(bytes[..<cut])) + decoder.feed(Array(bytes[cut...]))
    try decoder.finish()
    return messages
}

@Suite struct EventStreamTests {
    // providers.md §6: encoded there and decoded with botocore's EventStreamBuffer.
    static let deltaFrame = hexBytes("""
        0000009f 00000057 c37babff
        0b 3a6576656e742d74797065 07 0011 636f6e74656e74426c6f636b44656c7461
        0d 3a636f6e74656e742d74797065 07 0010 6170706c69636174696f6e2f6a736f6e
        0d 3a6d6573736167652d74797065 07 0005 6576656e74
        7b22636f6e74656e74426c6f636b496e646578223a302c2264656c7461223a7b2274657874223a224869227d2c2270223a2261626364227d
        f2ace5ff
        """)
    static let deltaPayload = Array(#"{"contentBlockIndex":0,"delta":{"text":"Hi"},"p":"abcd"}"#.utf8)
    static let exceptionPayload = Array(#"{"message":"Too many requests, please wait before trying again."}"#.utf8)
    static let exceptionFrame = EventStreamEncoder.encode(headers: [
        EventStreamHeader(":exception-type", .string("throttlingException")),
        EventStreamHeader(":content-type", .string("application/json")),
        EventStreamHeader(":message-type", .string("exception")),
    ], payload: exceptionPayload)

    @Test func deltaVectorEncodesByteForByte() {
        let encoded = EventStreamEncoder.encode(headers: [
            EventStreamHeader(":event-type", .string("contentBlockDelta")),
            EventStreamHeader(":content-type", .string("application/json")),
            EventStreamHeader(":message-type", .string("event")),
        ], payload: Self.deltaPayload)
        #expect(encoded == Self.deltaFrame)
        #expect(Self.deltaFrame.count == 159)
    }

    @Test func deltaVectorDecodes() throws {
        var decoder = EventStreamDecoder()
        let messages = try decoder.feed(Self.deltaFrame)
        #expect(messages == [EventStreamMessage(headers: [
            ":event-type": .string("contentBlockDelta"),
            ":content-type": .string("application/json"),
            ":message-type": .string("event"),
        ], payload: Self.deltaPayload)])
        #expect(messages.first?[string: ":event-type"] == "contentBlockDelta")
        #expect(!decoder.hasPartialMessage)
    }

    @Test func exceptionVectorLengthsAndCRCs() throws {
        let frame = Self.exceptionFrame
        #expect(Array(frame[0..<12]) == hexBytes("000000b2 00000061 3590d5d3"))
        #expect(Array(frame.suffix(4)) == hexBytes("e8ffb26a"))
        var decoder = EventStreamDecoder()
        let message = try #require(try decoder.feed(frame).first)
        #expect(message[string: ":exception-type"] == "throttlingException")
        #expect(message[string: ":message-type"] == "exception")
        #expect(message.payload == Self.exceptionPayload)
    }

    @Test func everyHeaderTypeRoundTrips() throws {
        let uuid = UUID(uuidString: "0E3B6A52-9C1D-4E8F-A1B2-C3D4E5F60718")!
        let headers: [EventStreamHeader] = [
            .init("t", .bool(true)), .init("f", .bool(false)),
            .init("byte", .byte(-7)), .init("short", .short(-12345)),
            .init("int", .int(Int32.min)), .init("long", .long(Int64.max - 1)),
            .init("bytes", .bytes([0, 255, 10, 13])), .init("empty", .bytes([])),
            .init("string", .string("héllo ☃")), .init("time", .timestamp(1_735_787_045_123)),
            .init("uuid", .uuid(uuid)),
        ]
        let frame = EventStreamEncoder.encode(headers: headers, payload: [1, 2, 3])
        var decoder = EventStreamDecoder()
        let message = try #require(try decoder.feed(frame).first)
        #expect(message.headers == Dictionary(uniqueKeysWithValues: headers.map { ($0.name, $0.value) }))
        #expect(message.payload == [1, 2, 3])
    }

    @Test func badPreludeCRCIsRejectedBeforeTrustingLengths() {
        var corrupt = Self.deltaFrame
        corrupt[0] = 0x7F // a 2 GiB "length" that must never be waited for
        var decoder = EventStreamDecoder()
        #expect(throws: EventStreamError.preludeChecksumMismatch(expected: 0xc37babff, actual: CRC32.checksum(corrupt, 0..<8))) {
            _ = try decoder.feed(Array(corrupt[..<12]))
        }
        // Errors are final.
        #expect(throws: EventStreamError.self) { _ = try decoder.feed(Self.deltaFrame) }
    }

    @Test func badMessageCRCIsRejected() {
        var corrupt = Self.deltaFrame
        corrupt[100] ^= 0x01
        var decoder = EventStreamDecoder()
        #expect(throws: EventStreamError.messageChecksumMismatch(expected: 0xf2ace5ff, actual: CRC32.checksum(corrupt, 0..<155))) {
            _ = try decoder.feed(corrupt)
        }
    }

    @Test func oversizedHeadersAndPayloadsAreRejectedFromThePrelude() {
        func prelude(total: Int, headers: Int) -> [UInt8] {
            let lengths = be32(total) + be32(headers)
            return lengths + be32(Int(CRC32.checksum(lengths)))
        }
        var decoder = EventStreamDecoder()
        #expect(throws: EventStreamError.headersTooLarge(128 * 1024 + 1)) {
            _ = try decoder.feed(prelude(total: 16 + 128 * 1024 + 1, headers: 128 * 1024 + 1))
        }
        decoder = EventStreamDecoder()
        #expect(throws: EventStreamError.payloadTooLarge(24 * 1024 * 1024 + 1)) {
            _ = try decoder.feed(prelude(total: 16 + 24 * 1024 * 1024 + 1, headers: 0))
        }
        decoder = EventStreamDecoder()
        #expect(throws: EventStreamError.invalidLength(total: 15, headers: 0)) {
            _ = try decoder.feed(prelude(total: 15, headers: 0))
        }
        decoder = EventStreamDecoder()
        #expect(throws: EventStreamError.invalidLength(total: 20, headers: 5)) {
            _ = try decoder.feed(prelude(total: 20, headers: 5))
        }
    }

    @Test func unknownHeaderTypeIsRejected() {
        var decoder = EventStreamDecoder()
        #expect(throws: EventStreamError.unknownHeaderType(10)) {
            _ = try decoder.feed(rawFrame(headerBytes: [1, UInt8(ascii: "x"), 10, 0, 0]))
        }
    }

    @Test func malformedHeadersAreRejected() {
        let cases: [[UInt8]] = [
            [5, UInt8(ascii: "x")],                    // name runs past the block
            [1, UInt8(ascii: "x"), 7, 0, 9, 65],       // string value runs past the block
            [1, 0xFF, 0],                              // name is not UTF-8
            [1, UInt8(ascii: "x"), 7, 0, 1, 0xC3],     // value is not UTF-8
        ]
        for headerBytes in cases {
            var decoder = EventStreamDecoder()
            #expect(throws: EventStreamError.malformedHeader) { _ = try decoder.feed(rawFrame(headerBytes: headerBytes)) }
        }
    }

    @Test func duplicateHeaderNamesAreRejected() {
        let frame = EventStreamEncoder.encode(headers: [.init("a", .bool(true)), .init("a", .bool(false))], payload: [])
        var decoder = EventStreamDecoder()
        #expect(throws: EventStreamError.duplicateHeader("a")) { _ = try decoder.feed(frame) }
    }

    @Test func splitAtEveryByteBoundaryDecodesTheSame() throws {
        let stream = Self.deltaFrame + Self.exceptionFrame + EventStreamEncoder.encode(headers: [], payload: [])
        var whole = EventStreamDecoder()
        let expected = try whole.feed(stream)
        #expect(expected.count == 3)
        for cut in 0...stream.count {
            #expect(try decodeSplit(stream, at: cut) == expected, "cut at \(cut)")
        }
        var bytewise = EventStreamDecoder()
        var messages: [EventStreamMessage] = []
        for byte in stream { messages += try bytewise.feed([byte]) }
        #expect(messages == expected)
    }

    @Test func endingInsideAMessageIsTruncation() throws {
        var decoder = EventStreamDecoder()
        _ = try decoder.feed(Array(Self.deltaFrame.dropLast()))
        #expect(decoder.hasPartialMessage)
        #expect(throws: EventStreamError.truncated(bufferedBytes: 158)) { try decoder.finish() }
    }

    @Test func crc32MatchesZlib() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }
}

@Suite struct EventStreamErrorOrderTests {
    @Test func goodMessagesBeforeACorruptOneAreDeliveredFirst() throws {
        var corrupt = EventStreamTests.exceptionFrame
        corrupt[corrupt.count - 1] ^= 0xFF
        var decoder = EventStreamDecoder()
        let messages = try decoder.feed(EventStreamTests.deltaFrame + corrupt)
        #expect(messages.count == 1)
        #expect(throws: EventStreamError.self) { _ = try decoder.feed([]) }
        #expect(throws: EventStreamError.self) { try decoder.finish() }
    }
}
