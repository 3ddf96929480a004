import Foundation

/// Reads the terminal for the line editor one character at a time, recognising bracketed paste
/// (`ESC [200~ … ESC [201~`) itself. Doing it here rather than with a libedit key binding keeps ESC
/// unbound: a bound `ESC [200~` would make ESC a sequence prefix, and vi mode's plain ESC (back to
/// command mode) would then swallow the next key.
final class TerminalInput {
    /// What one read produced.
    enum Item: Equatable {
        case scalar(UInt32)
        /// A whole paste, line breaks normalised to `\n`.
        case paste(String)
        case eof
        case failure(Int32)
    }

    static let pasteStart: [UInt8] = Array("\u{1B}[200~".utf8)
    static let pasteEnd: [UInt8] = Array("\u{1B}[201~".utf8)
    /// Pastes larger than this are cut (the rest is read and dropped), so memory stays bounded.
    static let pasteLimit = 16 << 20

    private let fd: Int32
    /// How long to wait for the rest of an escape sequence after ESC. A terminal sends a sequence in
    /// one write; a person pressing ESC sends nothing more, and vi mode should not wait long for it.
    private let sequenceWaitMs: Int32
    private var lookahead: [UInt32] = []

    init(fd: Int32 = 0, sequenceWaitMs: Int32 = 80) {
        self.fd = fd
        self.sequenceWaitMs = sequenceWaitMs
    }

    func next() -> Item {
        if !lookahead.isEmpty { return .scalar(lookahead.removeFirst()) }
        switch readByte(waitMs: -1) {
        case .eof: return .eof
        case .failure(let code): return .failure(code)
        case .timeout: return .eof
        case .byte(0x1B): return afterEscape()
        case .byte(let lead): return decode(lead)
        }
    }

    private func afterEscape() -> Item {
        var seen: [UInt8] = []
        for expected in Self.pasteStart.dropFirst() {
            guard case .byte(let b) = readByte(waitMs: sequenceWaitMs) else { break }
            seen.append(b)
            if b != expected { break }
        }
        if seen == Array(Self.pasteStart.dropFirst()) { return .paste(readPaste()) }
        // Alt + a non-ASCII key: finish that character so it decodes whole.
        if let last = seen.last, last >= 0xC0 {
            let more = last >= 0xF0 ? 3 : last >= 0xE0 ? 2 : 1
            for _ in 0..<more { if case .byte(let b) = readByte(waitMs: -1) { seen.append(b) } }
        }
        // Not a paste: hand ESC and what followed to libedit's own key-sequence matching.
        lookahead = String(decoding: seen, as: UTF8.self).unicodeScalars.map(\.value)
        return .scalar(0x1B)
    }

    private func readPaste() -> String {
        var bytes: [UInt8] = []
        while true {
            guard case .byte(let b) = readByte(waitMs: -1) else { break }
            if bytes.count < Self.pasteLimit { bytes.append(b) }
            if b == UInt8(ascii: "~"), bytes.count >= Self.pasteEnd.count, Array(bytes.suffix(Self.pasteEnd.count)) == Self.pasteEnd {
                bytes.removeLast(Self.pasteEnd.count)
                break
            }
        }
        return PastedText.normalize(String(decoding: bytes, as: UTF8.self))
    }

    /// One UTF-8 character starting with `lead`; invalid bytes come back as U+FFFD.
    private func decode(_ lead: UInt8) -> Item {
        let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        var bytes = [lead]
        while bytes.count < length, case .byte(let b) = readByte(waitMs: -1) { bytes.append(b) }
        let scalar = String(decoding: bytes, as: UTF8.self).unicodeScalars.first?.value ?? 0xFFFD
        return .scalar(scalar)
    }

    private enum ByteResult { case byte(UInt8), eof, timeout, failure(Int32) }

    /// One byte; `waitMs` < 0 blocks, otherwise gives up after that many milliseconds.
    private func readByte(waitMs: Int32) -> ByteResult {
        if waitMs >= 0 {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            var ready: Int32
            repeat { ready = poll(&pfd, 1, waitMs) } while ready < 0 && errno == EINTR
            if ready == 0 { return .timeout }
        }
        var byte: UInt8 = 0
        while true {
            let n = read(fd, &byte, 1)
            if n == 1 { return .byte(byte) }
            if n == 0 { return .eof }
            if errno != EINTR { return .failure(errno) }
        }
    }
}
