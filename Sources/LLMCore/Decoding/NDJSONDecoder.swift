/// Splits newline-delimited JSON (Ollama's `application/x-ndjson`) into lines, incrementally.
///
/// Lines are split on the byte `\n` before any UTF-8 decoding, so a multi-byte character split across
/// reads stays whole and U+2028 inside a JSON string is content. A trailing `\r` is dropped (CRLF),
/// blank lines are skipped, and there is no size cap.
public struct NDJSONDecoder: Sendable {
    private var buffer: [UInt8] = []
    /// Where the search for the next `\n` resumes, so a long line is scanned once however it is chunked.
    private var scanned = 0

    public init() {}

    /// Returns every complete, non-blank line the bytes so far end, without its terminator.
    public mutating func feed(_ bytes: [UInt8]) -> [[UInt8]] {
        buffer += bytes
        var lines: [[UInt8]] = []
        var lineStart = 0
        var index = scanned
        while index < buffer.count {
            if buffer[index] == UInt8(ascii: "\n") {
                if let line = Self.trimmed(buffer[lineStart..<index]) { lines.append(line) }
                lineStart = index + 1
            }
            index += 1
        }
        if lineStart > 0 { buffer.removeFirst(lineStart) }
        scanned = buffer.count
        return lines
    }

    /// Returns the last line when the input ended without a final newline.
    public mutating func finish() -> [[UInt8]] {
        defer {
            buffer = []
            scanned = 0
        }
        return Self.trimmed(buffer[...]).map { [$0] } ?? []
    }

    private static func trimmed(_ line: ArraySlice<UInt8>) -> [UInt8]? {
        var line = line
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        let blank = line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
        return blank ? nil : Array(line)
    }
}
