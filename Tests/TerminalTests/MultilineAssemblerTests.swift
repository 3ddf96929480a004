import Testing
@testable import Terminal

@Suite("Multi-line input")
struct MultilineAssemblerTests {
    @Test func singleLineIsComplete() {
        var a = MultilineAssembler()
        #expect(a.feed("hello") == .complete("hello", isSingleLine: true))
    }

    @Test func fencedBlockBecomesOneMessage() {
        var a = MultilineAssembler()
        #expect(a.feed("\"\"\"") == .more(.block))
        #expect(a.feed("first line") == .more(.block))
        #expect(a.feed("") == .more(.block))
        #expect(a.feed("/not a command") == .more(.block))
        #expect(a.feed("\"\"\"") == .complete("first line\n\n/not a command", isSingleLine: false))
        #expect(a.open == nil)
    }

    @Test func fenceWithTextOnTheSameLines() {
        var a = MultilineAssembler()
        #expect(a.feed("\"\"\"start") == .more(.block))
        #expect(a.feed("end\"\"\"") == .complete("start\nend", isSingleLine: false))
        #expect(a.feed("\"\"\"inline\"\"\"") == .complete("inline", isSingleLine: false))
    }

    @Test func trailingBackslashContinues() {
        var a = MultilineAssembler()
        #expect(a.feed("one \\") == .more(.continuation))
        #expect(a.feed("two\\") == .more(.continuation))
        #expect(a.feed("three") == .complete("one \ntwo\nthree", isSingleLine: false))
    }

    @Test func escapedBackslashDoesNotContinue() {
        var a = MultilineAssembler()
        #expect(a.feed("path C:\\\\") == .complete("path C:\\\\", isSingleLine: true))
    }

    @Test func pastedLinesStayOneMessage() {
        var a = MultilineAssembler()
        #expect(a.feed("line 1\nline 2") == .complete("line 1\nline 2", isSingleLine: false))
        #expect(PastedText.normalize("a\r\nb\rc\r\n") == "a\nb\nc")
    }

    @Test func resetAbandonsABlock() {
        var a = MultilineAssembler()
        _ = a.feed("\"\"\"")
        _ = a.feed("draft")
        a.reset()
        #expect(a.open == nil)
        #expect(a.feed("fresh") == .complete("fresh", isSingleLine: true))
    }
}
