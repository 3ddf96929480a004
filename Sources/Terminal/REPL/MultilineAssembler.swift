/// Joins the lines the editor returns into messages: a `"""` block, lines ending in `\`, and pasted
/// text (one editor line that already holds newlines) each become one message.
public struct MultilineAssembler: Sendable, Hashable {
    /// What the REPL should do after a line.
    public enum Step: Sendable, Hashable {
        /// A whole message. `isSingleLine` is false for blocks and continuations, whose leading `/` is text.
        case complete(String, isSingleLine: Bool)
        /// Keep reading; show the continuation prompt for this kind of input.
        case more(Pending)
    }

    /// Which multi-line construct is open.
    public enum Pending: Sendable, Hashable {
        case block, continuation
    }

    public static let fence = "\"\"\""

    private var lines: [String] = []
    private var pending: Pending?

    public init() {}

    /// The construct waiting for more lines, if any.
    public var open: Pending? { pending }

    /// Forgets a half-typed message (Ctrl-C in a block).
    public mutating func reset() {
        lines = []
        pending = nil
    }

    /// Feeds one line from the editor (without its final newline).
    public mutating func feed(_ raw: String) -> Step {
        let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
        switch pending {
        case .block:
            return feedBlock(line)
        case .continuation:
            return feedContinuation(line)
        case nil:
            let trimmed = line.trimmingWhitespace()
            if trimmed.hasPrefix(Self.fence) {
                let rest = String(trimmed.dropFirst(Self.fence.count))
                // `"""one line"""` is complete at once.
                if rest.hasSuffix(Self.fence), rest.count >= Self.fence.count {
                    return .complete(String(rest.dropLast(Self.fence.count)), isSingleLine: false)
                }
                pending = .block
                lines = rest.isEmpty ? [] : [rest]
                return .more(.block)
            }
            if let head = Self.continued(line) {
                pending = .continuation
                lines = [head]
                return .more(.continuation)
            }
            return .complete(line, isSingleLine: !line.contains("\n"))
        }
    }

    private mutating func feedBlock(_ line: String) -> Step {
        let trimmedEnd = line.trimmingTrailingWhitespace()
        guard trimmedEnd.hasSuffix(Self.fence) else {
            lines.append(line)
            return .more(.block)
        }
        let last = String(trimmedEnd.dropLast(Self.fence.count))
        if !last.trimmingWhitespace().isEmpty { lines.append(last) }
        return finish()
    }

    private mutating func feedContinuation(_ line: String) -> Step {
        if let head = Self.continued(line) {
            lines.append(head)
            return .more(.continuation)
        }
        lines.append(line)
        return finish()
    }

    private mutating func finish() -> Step {
        let text = lines.joined(separator: "\n")
        reset()
        return .complete(text, isSingleLine: false)
    }

    /// The line without its continuation backslash, when it ends with an odd number of them
    /// (`\\` at the end is an escaped backslash, not a continuation).
    static func continued(_ line: String) -> String? {
        let trailing = line.reversed().prefix { $0 == "\\" }.count
        guard trailing % 2 == 1 else { return nil }
        return String(line.dropLast())
    }
}

extension String {
    func trimmingWhitespace() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    func trimmingTrailingWhitespace() -> String {
        String(reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
