import Testing
@testable import LLMCore

@Suite struct NDJSONTests {
    private func lines(_ text: String) -> [String] {
        var decoder = NDJSONDecoder()
        return (decoder.feed(Array(text.utf8)) + decoder.finish()).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func splitsOnNewlinesAndToleratesCRLFAndBlankLines() {
        #expect(lines("{\"a\":1}\n{\"b\":2}\r\n\r\n\n{\"c\":3}\n") == ["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"])
    }

    @Test func lastLineWithoutNewlineComesFromFinish() {
        var decoder = NDJSONDecoder()
        #expect(decoder.feed(Array("{\"a\":1}\n{\"b\"".utf8)).count == 1)
        #expect(decoder.finish() == [Array("{\"b\"".utf8)])
        #expect(decoder.finish().isEmpty)
    }

    @Test func unicodeSeparatorsAreContent() {
        #expect(lines("{\"t\":\"a\u{2028}b\u{85}c\"}\n") == ["{\"t\":\"a\u{2028}b\u{85}c\"}"])
    }

    @Test func everySplitAndOneByteFeedsGiveTheSameLines() {
        let text = Array("{\"t\":\"é☃\"}\r\n{\"u\":2}\n\n{\"v\":3}\r\n".utf8)
        let expected = lines(String(decoding: text, as: UTF8.self))
        for cut in 0...text.count {
            var decoder = NDJSONDecoder()
            let got = decoder.feed(Array(text[..<cut])) + decoder.feed(Array(text[cut...])) + decoder.finish()
            #expect(got.map { String(decoding: $0, as: UTF8.self) } == expected, "cut at \(cut)")
        }
        var decoder = NDJSONDecoder()
        var got: [[UInt8]] = []
        for byte in text { got += decoder.feed([byte]) }
        #expect((got + decoder.finish()).map { String(decoding: $0, as: UTF8.self) } == expected)
    }

    @Test func noSizeCap() {
        let big = "{\"t\":\"" + String(repeating: "x", count: 3_000_000) + "\"}"
        var decoder = NDJSONDecoder()
        var got: [[UInt8]] = []
        for chunk in chunks(Array((big + "\n").utf8), of: 65_536) { got += decoder.feed(chunk) }
        #expect(got.count == 1 && got[0].count == big.utf8.count)
    }
}

/// Consecutive slices of at most `size` bytes.
private func chunks(_ bytes: [UInt8], of size: Int) -> [[UInt8]] {
    stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
}
