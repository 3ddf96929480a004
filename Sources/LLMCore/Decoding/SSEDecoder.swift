/// One dispatched Server-Sent Event.
public struct SSEEvent: Sendable, Hashable {
    /// The `event:` field, or `message` when the event had none.
    public var type: String
    /// The `data:` lines joined with `\n` (no trailing newline).
    public var data: String
    /// The last event id seen on this stream (it persists across events), if any.
    public var id: String?

    /// An event as the decoder dispatches it; the type defaults to `message` as in the spec.
    public init(type: String = "message", data: String, id: String? = nil) {
        self.type = type
        self.data = data
        self.id = id
    }
}

/// An incremental, byte-level Server-Sent Events decoder (WHATWG HTML §9.2, providers.md §1).
///
/// Lines are split on the bytes 0x0A/0x0D before any UTF-8 decoding, so U+2028, U+2029 and NEL inside
/// JSON stay content, and characters split across reads are reassembled. Any chunking of the input
/// yields the same events. There is no line or event size cap; the caller bounds memory by policy.
public struct SSEDecoder: Sendable {
    /// The last valid `retry:` value, in milliseconds.
    public private(set) var retryMilliseconds: Int?

    /// Bytes of the current, not yet terminated line (only when a line spans reads).
    private var line: [UInt8] = []
    /// The data buffer of the event being built: each `data` value followed by `\n`.
    private var data: [UInt8] = []
    private var eventType: String?
    private var lastEventID: String?
    /// The previous read ended with CR: an LF at the start of the next read belongs to it.
    private var skipLF = false
    /// Bytes of a leading byte-order mark matched so far; nil once offset 0 has been decided.
    private var bomMatched: Int? = 0

    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D
    private static let colon: UInt8 = 0x3A
    private static let space: UInt8 = 0x20

    /// A decoder at the start of a stream (a leading BOM will be dropped).
    public init() {}

    /// Consumes the next bytes of the stream and returns every event they complete.
    public mutating func feed(_ bytes: [UInt8]) -> [SSEEvent] {
        var events: [SSEEvent] = []
        bytes.withUnsafeBufferPointer { buffer in
            var start = consumeBOM(buffer)
            let count = buffer.count
            while start < count {
                if skipLF {
                    skipLF = false
                    if buffer[start] == Self.lf {
                        start += 1
                        continue
                    }
                }
                var end = start
                while end < count {
                    let byte = buffer[end]
                    if byte == Self.lf || byte == Self.cr { break }
                    end += 1
                }
                let piece = UnsafeBufferPointer(rebasing: buffer[start..<end])
                guard end < count else {
                    line.append(contentsOf: piece)
                    break
                }
                if line.isEmpty {
                    processLine(piece, into: &events)
                } else {
                    line.append(contentsOf: piece)
                    processBufferedLine(into: &events)
                }
                skipLF = buffer[end] == Self.cr
                start = end + 1
            }
        }
        return events
    }

    /// Ends the stream. A partial event is discarded, except a pending `data: [DONE]` (some servers
    /// omit the final blank line), which is delivered. The decoder is then ready for a new stream;
    /// the last event id and retry value persist, as they do across an SSE reconnection.
    public mutating func finish() -> [SSEEvent] {
        var events: [SSEEvent] = []
        if let matched = bomMatched, matched > 0 {
            line.insert(contentsOf: Self.bom[..<matched], at: 0)
        }
        if !line.isEmpty {
            var pending: [SSEEvent] = []
            processBufferedLine(into: &pending)
        }
        if data.elementsEqual("[DONE]\n".utf8) {
            dispatch(into: &events)
        }
        line.removeAll()
        data.removeAll()
        eventType = nil
        skipLF = false
        bomMatched = 0
        return events
    }

    /// Drops a byte-order mark at offset 0, even when it arrives split over reads; returns where the
    /// rest of `buffer` starts.
    private mutating func consumeBOM(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        guard var matched = bomMatched else { return 0 }
        var index = 0
        while index < buffer.count, matched < Self.bom.count {
            guard buffer[index] == Self.bom[matched] else {
                // Not a BOM: the bytes matched so far are ordinary content of the first line.
                line.append(contentsOf: Self.bom[..<matched])
                bomMatched = nil
                return index
            }
            matched += 1
            index += 1
        }
        bomMatched = matched == Self.bom.count ? nil : matched
        return index
    }

    /// Processes `line` (a line that spanned reads) and empties it, keeping its capacity.
    private mutating func processBufferedLine(into events: inout [SSEEvent]) {
        // Swapped out so that reading the buffer does not overlap the mutating call.
        var buffered: [UInt8] = []
        swap(&buffered, &line)
        buffered.withUnsafeBufferPointer { processLine($0, into: &events) }
        buffered.removeAll(keepingCapacity: true)
        swap(&buffered, &line)
    }

    /// Applies one complete line (without its terminator).
    private mutating func processLine(_ bytes: UnsafeBufferPointer<UInt8>, into events: inout [SSEEvent]) {
        guard let first = bytes.first else {
            dispatch(into: &events)
            return
        }
        if first == Self.colon { return }
        let colon = bytes.firstIndex(of: Self.colon) ?? bytes.count
        let name = UnsafeBufferPointer(rebasing: bytes[..<colon])
        var valueStart = Swift.min(colon + 1, bytes.count)
        if valueStart < bytes.count, bytes[valueStart] == Self.space { valueStart += 1 }
        let value = UnsafeBufferPointer(rebasing: bytes[valueStart...])
        if name.elementsEqual("data".utf8) {
            data.append(contentsOf: value)
            data.append(Self.lf)
        } else if name.elementsEqual("event".utf8) {
            eventType = String(decoding: value, as: UTF8.self)
        } else if name.elementsEqual("id".utf8) {
            if !value.contains(0) {
                lastEventID = value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
            }
        } else if name.elementsEqual("retry".utf8) {
            if let milliseconds = Self.digits(value) { retryMilliseconds = milliseconds }
        }
        // Unknown field names are ignored by the spec.
    }

    /// Dispatches the event being built, if it has data, and resets it.
    private mutating func dispatch(into events: inout [SSEEvent]) {
        defer {
            data.removeAll(keepingCapacity: true)
            eventType = nil
        }
        guard !data.isEmpty else { return }
        let text = data.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0.dropLast()), as: UTF8.self)
        }
        let type = eventType.flatMap { $0.isEmpty ? nil : $0 } ?? "message"
        events.append(SSEEvent(type: type, data: text, id: lastEventID))
    }

    /// A base-ten value made only of ASCII digits, or nil (empty, other bytes, or overflow).
    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var result = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let (shifted, overflow1) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(Int(byte - 0x30))
            if overflow1 || overflow2 { return nil }
            result = sum
        }
        return result
    }
}
