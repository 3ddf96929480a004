import LLMCore
import Testing
@testable import LLMCommands
@testable import Terminal

/// The ordering buffer and the resume scan: pure parts of `batch` that decide what is written when.
@Suite struct BatchOrderingTests {
    @Test func releasesInOrderAsSoonAsPossible() {
        var buffer = BatchOrderingBuffer<String>()
        #expect(buffer.complete(2, "c") == [])
        #expect(buffer.complete(1, "b") == [])
        #expect(buffer.pending == 2)
        #expect(buffer.complete(0, "a") == ["a", "b", "c"])
        #expect(buffer.complete(3, "d") == ["d"])
        #expect(buffer.next == 4)
        #expect(buffer.pending == 0)
    }

    @Test func aSkippedSlotReleasesTheOnesAfterIt() {
        var buffer = BatchOrderingBuffer<Int>()
        #expect(buffer.complete(1, 1) == [])
        #expect(buffer.complete(3, 3) == [])
        #expect(buffer.skip(0) == [1])
        #expect(buffer.skip(2) == [3])
        #expect(buffer.next == 4)
    }

    @Test func aSlotSettlesOnce() {
        var buffer = BatchOrderingBuffer<String>()
        #expect(buffer.complete(1, "b") == [])
        #expect(buffer.complete(1, "again") == [])
        #expect(buffer.complete(0, "a") == ["a", "b"])
        #expect(buffer.complete(0, "late") == [])
    }

    @Test func resumeScanDropsATornLastLine() {
        let text = #"{"id":"a","text":"x"}"# + "\n" + #"{"id":2,"error":{}}"# + "\n" + #"{"id":"c","te"#
        let scan = BatchResumeScan.scan(Array(text.utf8))
        #expect(scan.ids == [.string("a"), .number("2")])
        #expect(scan.truncatedTail)
        #expect(!scan.needsNewline)
        #expect(scan.keepBytes == text.utf8.count - #"{"id":"c","te"#.utf8.count)
    }

    @Test func resumeScanKeepsAWholeLastLineWithoutNewline() {
        let text = #"{"id":"a"}"# + "\n" + #"{"id":"b"}"#
        let scan = BatchResumeScan.scan(Array(text.utf8))
        #expect(scan.ids == [.string("a"), .string("b")])
        #expect(!scan.truncatedTail)
        #expect(scan.needsNewline)
        #expect(scan.keepBytes == text.utf8.count)
    }

    @Test func resumeScanCountsOddLinesAndIgnoresBlankOnes() {
        let text = "not json\n\n" + #"{"no_id":1}"# + "\n" + #"{"id":3.0}"# + "\n"
        let scan = BatchResumeScan.scan(Array(text.utf8))
        #expect(scan.ids == [.number("3")])
        #expect(scan.unreadableLines == 2)
        #expect(!scan.truncatedTail)
        #expect(scan.keepBytes == text.utf8.count)
    }

    @Test func resumeScanOfAnEmptyFile() {
        let scan = BatchResumeScan.scan([])
        #expect(scan.ids.isEmpty && scan.keepBytes == 0 && !scan.truncatedTail && !scan.needsNewline)
    }
}
