import Testing
@testable import LLMCore

/// Feeds `text` in chunks cut at `cuts` (byte offsets) and returns every event, including `finish()`'s.
func sseDecode(_ bytes: [UInt8], cuts: [Int] = []) -> [SSEEvent] {
    var decoder = SSEDecoder()
    var events: [SSEEvent] = []
    var start = 0
    for cut in cuts.sorted() where cut > start && cut < bytes.count {
        events += decoder.feed(Array(bytes[start..<cut]))
        start = cut
    }
    events += decoder.feed(Array(bytes[start...]))
    events += decoder.finish()
    return events
}

func sseDecode(_ text: String, cuts: [Int] = []) -> [SSEEvent] { sseDecode(Array(text.utf8), cuts: cuts) }

/// A deterministic generator so that a failing random split can be reproduced.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct SSEDecoderFieldTests {
    @Test func dataWithAndWithoutSpace() {
        #expect(sseDecode("data:x\n\ndata: x\n\ndata:  x\n\n").map(\.data) == ["x", "x", " x"])
    }

    @Test func multipleDataLinesJoinWithNewline() {
        #expect(sseDecode("data: a\ndata:\ndata: b\n\n") == [SSEEvent(data: "a\n\nb")])
    }

    @Test func onlyOneTrailingNewlineIsRemoved() {
        #expect(sseDecode("data: a\ndata:\n\n") == [SSEEvent(data: "a\n")])
    }

    @Test func commentsAreIgnored() {
        #expect(sseDecode(": ping\n\n:\ndata: x\n: mid\n\n") == [SSEEvent(data: "x")])
    }

    @Test func eventTypeDefaultsToMessageAndResetsAfterDispatch() {
        let events = sseDecode("event: delta\ndata: 1\n\nevent:\ndata: 2\n\ndata: 3\n\n")
        #expect(events.map(\.type) == ["delta", "message", "message"])
    }

    @Test func emptyDataBufferDispatchesNothing() {
        #expect(sseDecode("event: ping\n\n\n\nid: 7\n\n").isEmpty)
    }

    @Test func dataWithEmptyValueDispatchesEmptyEvent() {
        #expect(sseDecode("data\n\ndata:\n\n") == [SSEEvent(data: ""), SSEEvent(data: "")])
    }

    @Test func idPersistsAndIsIgnoredWhenItContainsNUL() {
        let events = sseDecode("id: 1\ndata: a\n\ndata: b\n\nid: 2\u{0}x\ndata: c\n\nid\ndata: d\n\n")
        #expect(events.map(\.id) == ["1", "1", "1", nil])
    }

    @Test func retryAcceptsOnlyDigits() {
        var decoder = SSEDecoder()
        _ = decoder.feed(Array("retry: 1500\n".utf8))
        #expect(decoder.retryMilliseconds == 1500)
        _ = decoder.feed(Array("retry: 15a\nretry: -1\nretry:\nretry: 1.5\nretry:  20\n".utf8))
        #expect(decoder.retryMilliseconds == 1500)
        _ = decoder.feed(Array("retry:99999999999999999999999\nretry:0\n\n".utf8))
        #expect(decoder.retryMilliseconds == 0)
    }

    @Test func unknownFieldsAreIgnored() {
        // Old llama.cpp sent errors as an `error:` field; the spec makes them invisible.
        let text = "error: {\"code\":400}\nfoo\ndata: x\nDATA: y\n data: z\n\n"
        #expect(sseDecode(text) == [SSEEvent(data: "x")])
    }

    @Test func fieldSplitsAtFirstColon() {
        #expect(sseDecode("data: {\"a\":\"b:c\"}\n\n") == [SSEEvent(data: "{\"a\":\"b:c\"}")])
    }

    @Test func noSizeCap() {
        let big = String(repeating: "é0123456789", count: 200_000)
        #expect(sseDecode("data: \(big)\n\n", cuts: [7, 1000, 65_536]) == [SSEEvent(data: big)])
    }
}

@Suite struct SSEDecoderFramingTests {
    @Test func allLineTerminators() {
        let expected = [SSEEvent(data: "a\nb"), SSEEvent(data: "c")]
        #expect(sseDecode("data: a\ndata: b\n\ndata: c\n\n") == expected)
        #expect(sseDecode("data: a\r\ndata: b\r\n\r\ndata: c\r\n\r\n") == expected)
        #expect(sseDecode("data: a\rdata: b\r\rdata: c\r\r") == expected)
        #expect(sseDecode("data: a\rdata: b\r\n\ndata: c\n\r\n") == expected)
    }

    @Test func crAndLfSplitAcrossReadsIsOneTerminator() {
        var decoder = SSEDecoder()
        #expect(decoder.feed(Array("data: a\r".utf8)).isEmpty)
        #expect(decoder.feed(Array("\ndata: b\r".utf8)).isEmpty)
        #expect(decoder.feed([]).isEmpty)
        #expect(decoder.feed(Array("\n\r".utf8)) == [SSEEvent(data: "a\nb")])
        #expect(decoder.feed(Array("\n".utf8)).isEmpty)
    }

    @Test func unicodeLineSeparatorsAreContent() {
        let payload = "{\"t\":\"a\u{2028}b\u{2029}c\u{85}d\u{0B}e\u{0C}f\"}"
        #expect(sseDecode("data: \(payload)\n\n") == [SSEEvent(data: payload)])
    }

    @Test func multiByteCharactersSplitAcrossReads() {
        let text = "data: 日本語🙂é\n\n"
        let bytes = Array(text.utf8)
        for cut in 1..<bytes.count {
            #expect(sseDecode(bytes, cuts: [cut]) == [SSEEvent(data: "日本語🙂é")])
        }
        #expect(sseDecode(bytes, cuts: Array(1..<bytes.count)) == [SSEEvent(data: "日本語🙂é")])
    }

    @Test func leadingBOMIsDroppedEvenWhenSplit() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("data: x\n\n".utf8)
        for cut in 0...4 {
            #expect(sseDecode(bytes, cuts: [cut]) == [SSEEvent(data: "x")])
        }
        #expect(sseDecode(bytes, cuts: [1, 2, 3]) == [SSEEvent(data: "x")])
    }

    @Test func onlyOneBOMAtOffsetZeroIsDropped() {
        // A second BOM is content: it becomes part of the field name, which is then unknown.
        #expect(sseDecode("\u{FEFF}\u{FEFF}data: x\n\ndata: y\n\n") == [SSEEvent(data: "y")])
        #expect(sseDecode("data: \u{FEFF}x\n\n") == [SSEEvent(data: "\u{FEFF}x")])
        var decoder = SSEDecoder()
        _ = decoder.feed(Array("data: a\n\n".utf8))
        #expect(decoder.feed([0xEF, 0xBB, 0xBF] + Array("data: b\n\n".utf8)).isEmpty)
    }

    @Test func partialBOMIsContent() {
        let bytes: [UInt8] = [0xEF, 0xBB] + Array("\ndata: x\n\n".utf8)
        for cut in 0...3 {
            #expect(sseDecode(bytes, cuts: [cut]) == [SSEEvent(data: "x")])
        }
        // EF BB followed by `d` is not a BOM: the first line's name is not `data`.
        #expect(sseDecode([0xEF, 0xBB] + Array("data: x\n\n".utf8), cuts: [1, 2]).isEmpty)
    }

    @Test func partialEventAtEOFIsDiscarded() {
        #expect(sseDecode("data: a\n\ndata: b") == [SSEEvent(data: "a")])
        #expect(sseDecode("data: a\n\ndata: b\n") == [SSEEvent(data: "a")])
        #expect(sseDecode("data: a\n\ndata: b\r") == [SSEEvent(data: "a")])
    }

    @Test func pendingDoneAtEOFIsDelivered() {
        #expect(sseDecode("data: a\n\ndata: [DONE]") == [SSEEvent(data: "a"), SSEEvent(data: "[DONE]")])
        #expect(sseDecode("data: a\n\ndata: [DONE]\n") == [SSEEvent(data: "a"), SSEEvent(data: "[DONE]")])
        #expect(sseDecode("data: x\ndata: [DONE]\n") == [])
    }

    @Test func finishResetsForANewStream() {
        var decoder = SSEDecoder()
        _ = decoder.feed(Array("id: 9\ndata: partial".utf8))
        #expect(decoder.finish().isEmpty)
        #expect(decoder.feed([0xEF, 0xBB, 0xBF] + Array("data: b\n\n".utf8)) == [SSEEvent(data: "b", id: "9")])
    }
}

@Suite struct SSEDecoderChunkingTests {
    static let streams: [[UInt8]] = [
        Array("data: {\"a\":1}\r\n\r\n: keep-alive\r\nevent: x\r\ndata: 日本\u{2028}語\r\n\r\ndata: [DONE]\r\n\r\n".utf8),
        [0xEF, 0xBB, 0xBF] + Array("data: é🙂\rdata:\u{2029}\r\rid: 3\rretry: 10\rdata: z\r\r".utf8),
        Array("data:a\n\ndata: b\ndata:  c\r\n\n:\u{85}\n\rdata: \u{FEFF}d\n\ndata: [DONE]".utf8),
    ]

    @Test(arguments: 0..<streams.count)
    func everySingleSplitDecodesIdentically(index: Int) {
        let bytes = Self.streams[index]
        let whole = sseDecode(bytes)
        #expect(!whole.isEmpty)
        for cut in 0...bytes.count {
            #expect(sseDecode(bytes, cuts: [cut]) == whole, "cut at \(cut)")
        }
        for first in 1..<bytes.count {
            for second in (first + 1)..<bytes.count where second - first < 8 {
                #expect(sseDecode(bytes, cuts: [first, second]) == whole, "cuts at \(first), \(second)")
            }
        }
        #expect(sseDecode(bytes, cuts: Array(1..<bytes.count)) == whole)
    }

    @Test(arguments: 0..<streams.count)
    func randomSplitsDecodeIdentically(index: Int) {
        let bytes = Self.streams[index]
        let whole = sseDecode(bytes)
        var random = SplitMix64(state: UInt64(index) &+ 42)
        for _ in 0..<500 {
            let cuts = (0..<Int.random(in: 1...12, using: &random)).map { _ in
                Int.random(in: 0...bytes.count, using: &random)
            }
            #expect(sseDecode(bytes, cuts: cuts) == whole, "cuts \(cuts)")
        }
    }

    @Test func wholeStreamsDecodeAsExpected() {
        #expect(sseDecode(Self.streams[0]) == [
            SSEEvent(data: "{\"a\":1}"), SSEEvent(type: "x", data: "日本\u{2028}語"), SSEEvent(data: "[DONE]"),
        ])
        #expect(sseDecode(Self.streams[1]) == [SSEEvent(data: "é🙂\n\u{2029}"), SSEEvent(data: "z", id: "3")])
        #expect(sseDecode(Self.streams[2]) == [
            SSEEvent(data: "a"), SSEEvent(data: "b\n c"), SSEEvent(data: "\u{FEFF}d"), SSEEvent(data: "[DONE]"),
        ])
    }
}
