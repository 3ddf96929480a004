/// One protocol unit of a streamed reply, before line endings are applied.
package enum Frame {
    /// An SSE event: optional `event:` line, one `data:` line, blank line.
    case sse(event: String?, data: String)
    /// One NDJSON line.
    case line(String)
    /// Bytes written as they are (binary event-stream frames, Gemini's JSON-array pieces).
    case raw([UInt8])

    /// The frame's bytes with `eol` ending each line (LF unless a test asks for another).
    package func bytes(eol: [UInt8] = [0x0A]) -> [UInt8] {
        switch self {
        case .sse(let event, let data):
            var out: [UInt8] = []
            if let event { out += Array("event: \(event)".utf8) + eol }
            out += Array("data: \(data)".utf8) + eol + eol
            return out
        case .line(let text):
            return Array(text.utf8) + eol
        case .raw(let bytes):
            return bytes
        }
    }
}

/// Why a reply ended, mapped by each dialect to its own vocabulary.
package enum Finish: Equatable {
    case stop
    case length
    /// A raw provider value, reported as it is.
    case custom(String)
}

/// How one provider frames a streamed reply. The runner decides what to emit and when; the dialect
/// only says what each piece looks like.
package protocol StreamDialect {
    /// Response content type.
    var contentType: String { get }
    /// Frames before the first token (role chunk, message_start …).
    func prologue() -> [Frame]
    /// The frames for token `index`. `finish` is set on the last token when the end marker will be
    /// sent, for dialects that report the finish in the last delta (Gemini).
    func delta(index: Int, text: String, finish: Finish?) -> [Frame]
    /// Frames after the last token that are not the end marker (finish chunk, usage chunk …).
    func epilogue(tokens: Int, finish: Finish) -> [Frame]
    /// The end marker (`[DONE]`, `message_stop` …).
    func endMarker(tokens: Int, finish: Finish) -> [Frame]
}
