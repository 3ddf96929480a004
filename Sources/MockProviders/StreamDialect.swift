/// One protocol unit of a streamed reply, before line endings are applied.
enum Frame {
    /// An SSE event: optional `event:` line, one `data:` line, blank line.
    case sse(event: String?, data: String)
    /// One NDJSON line.
    case line(String)
    /// Bytes written as they are (binary event-stream frames, Gemini's JSON-array pieces).
    case raw([UInt8])

    func bytes(_ ending: LineEnding) -> [UInt8] {
        let eol = ending.bytes
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
enum Finish: Equatable {
    case stop
    case length
    /// A raw provider value from `MockFault.finishReason`.
    case custom(String)
}

/// How one provider frames a streamed reply. The runner decides what to emit and when (faults,
/// delays); the dialect only says what each piece looks like.
protocol StreamDialect {
    /// Response content type.
    var contentType: String { get }
    /// Frames before the first token (role chunk, message_start …).
    func prologue() -> [Frame]
    /// The frames for token `index`. `finish` is set on the last token when the end marker will be
    /// sent, for dialects that report the finish in the last delta (Gemini).
    func delta(index: Int, text: String, finish: Finish?) -> [Frame]
    /// Frames after the last token that are not the end marker (finish chunk, usage chunk …).
    func epilogue(tokens: Int, finish: Finish) -> [Frame]
    /// The end marker, left out by `MockFault.omitEndMarker`.
    func endMarker(tokens: Int, finish: Finish) -> [Frame]
    /// The provider's in-stream error; `type` overrides the default error type.
    func streamError(type: String?) -> Frame
    /// A syntactically broken payload.
    func malformed() -> Frame
}
