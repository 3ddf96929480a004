import Foundation

/// Text handling for the line editor that needs no terminal: pasted text and completion listings.
enum PastedText {
    /// Terminals send pasted line breaks as CR (or CRLF); the message wants LF. Trailing line breaks
    /// are dropped so a pasted block does not end in an empty line.
    static func normalize(_ text: String) -> String {
        var out = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        while out.hasSuffix("\n") { out.removeLast() }
        return out
    }
}

/// Completion candidates laid out in columns, like a shell does.
enum CompletionList {
    static func format(_ items: [String], width: Int) -> String {
        guard let longest = items.map(\.count).max() else { return "" }
        let column = longest + 2
        let perRow = max(1, width / column)
        let rows = (items.count + perRow - 1) / perRow
        var lines: [String] = []
        for row in 0..<rows {
            var line = ""
            // Column-major, so the list reads top to bottom like `ls`.
            for col in 0..<perRow {
                let index = col * rows + row
                guard index < items.count else { continue }
                let item = items[index]
                line += index + rows < items.count ? item.padding(toLength: column, withPad: " ", startingAt: 0) : item
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
