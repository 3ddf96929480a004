import Foundation
import Testing
@testable import Terminal

@Suite("Terminal input")
struct TerminalInputTests {
    /// Feeds `bytes` through a pipe and reads items until the writer's end is closed.
    func items(_ bytes: [UInt8]) -> [TerminalInput.Item] {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return [] }
        _ = bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
        close(fds[1])
        defer { close(fds[0]) }
        let input = TerminalInput(fd: fds[0], sequenceWaitMs: 10)
        var out: [TerminalInput.Item] = []
        while true {
            let item = input.next()
            if item == .eof { return out }
            out.append(item)
        }
    }

    func scalars(_ text: String) -> [TerminalInput.Item] { text.unicodeScalars.map { .scalar($0.value) } }

    @Test func bracketedPasteBecomesOneItem() {
        let bytes = Array("a\u{1B}[200~one\r\ntwo\rthree\n\u{1B}[201~b".utf8)
        #expect(items(bytes) == scalars("a") + [.paste("one\ntwo\nthree")] + scalars("b"))
    }

    @Test func otherEscapeSequencesPassThrough() {
        #expect(items(Array("\u{1B}[A\u{1B}[2x\u{1B}".utf8)) == scalars("\u{1B}[A\u{1B}[2x\u{1B}"))
    }

    @Test func utf8IsDecodedWhole() {
        #expect(items(Array("é😀\u{1B}é".utf8)) == scalars("é😀\u{1B}é"))
    }
}
