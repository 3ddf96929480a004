import LLMCore
import Terminal
import LLMClient

/// What an existing output file says for `--resume`: the ids already done, and where its intact part ends.
///
/// Every result is one `write(2)` of a whole line, so only the last line can be torn (a crash or a
/// full disk mid-write). That line is not counted and is cut off before appending.
public struct BatchResumeScan: Sendable, Hashable {
    /// Ids with a result line (answer or error) in the file.
    public var ids: Set<JSONValue> = []
    /// Bytes of the file to keep: everything up to the end of the last intact line.
    public var keepBytes = 0
    /// True when a torn last line was found (it lies past `keepBytes`).
    public var truncatedTail = false
    /// The last intact line has no newline yet, so one must be written before appending.
    public var needsNewline = false
    /// Complete lines (not the last) that are not result objects; kept, but their ids are unknown.
    public var unreadableLines = 0

    /// The scan of an empty (or missing) file.
    public init() {}

    /// Scans the bytes of an output file.
    public static func scan(_ bytes: [UInt8]) -> BatchResumeScan {
        var result = BatchResumeScan()
        var start = 0
        while start < bytes.count {
            let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
            let end = newline ?? bytes.count
            let line = Array(bytes[start..<end])
            let id = resultID(line)
            if let newline {
                if let id { result.ids.insert(id) } else if !isBlank(line) { result.unreadableLines += 1 }
                result.keepBytes = newline + 1
                start = newline + 1
            } else {
                // The last line has no newline: whole if it parses, else torn by an interrupted write.
                if let id {
                    result.ids.insert(id)
                    result.keepBytes = bytes.count
                    result.needsNewline = true
                } else if !isBlank(line) {
                    result.truncatedTail = true
                }
                break
            }
        }
        return result
    }

    /// The `id` of a result line; nil when the line is not a JSON object with one.
    static func resultID(_ line: [UInt8]) -> JSONValue? {
        guard let value = try? JSONValue.parse(line), value.members != nil, let id = value["id"] else { return nil }
        return BatchInputParser.normalisedID(id)
    }

    private static func isBlank(_ line: [UInt8]) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
