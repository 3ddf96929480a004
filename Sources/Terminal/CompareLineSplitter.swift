/// Cuts one model's streamed text into whole lines for the live `compare` view, so lines of several
/// models can interleave without tearing each other: a line is released at a newline, or once it
/// fills the width (broken at the last space when there is one in its second half).
public struct CompareLineSplitter: Sendable {
    public let width: Int
    private var pending: [Character] = []

    /// `width` is the room for text after the label; at least 10.
    public init(width: Int) {
        self.width = max(10, width)
    }

    /// Adds a piece of text; returns the lines it completed (without newlines).
    public mutating func feed(_ piece: String) -> [String] {
        var lines: [String] = []
        for character in piece {
            if character == "\n" || character == "\r\n" {
                lines.append(String(pending))
                pending.removeAll(keepingCapacity: true)
                continue
            }
            pending.append(character)
            if pending.count > width { lines.append(wrap()) }
        }
        return lines
    }

    /// The unfinished last line, if any (at the end of the reply).
    public mutating func flush() -> String? {
        defer { pending.removeAll() }
        return pending.isEmpty ? nil : String(pending)
    }

    /// Takes one full-width line off the front of `pending`, preferring to break after a space.
    private mutating func wrap() -> String {
        let window = pending[..<width]
        if let space = window.lastIndex(of: " "), space >= width / 2 {
            let line = String(pending[..<space])
            pending.removeSubrange(...space)
            return line
        }
        let line = String(window)
        pending.removeSubrange(..<width)
        return line
    }
}
