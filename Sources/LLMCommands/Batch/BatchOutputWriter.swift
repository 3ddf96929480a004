import Foundation
import Terminal
import LLMClient
import LLMCore

/// A write to the batch output failed (disk full, a closed pipe, no permission).
public struct BatchOutputError: Error, Sendable, CustomStringConvertible {
    /// One line naming the file and the system's reason.
    public var message: String
    public var description: String { message }
}

/// Writes result lines to stdout or a file, each with one `write(2)` as soon as it is final, so an
/// interrupt or a crash never loses a finished result (no user-space buffer to flush; fsync is not
/// needed for that: the data is in the kernel once `write` returns).
///
/// Used from the batch's coordinating task only, so it needs no lock.
final class BatchOutputWriter {
    private let fd: Int32
    private let ownsDescriptor: Bool
    /// The path for messages (`-` for stdout).
    let name: String

    private init(fd: Int32, owns: Bool, name: String) {
        self.fd = fd
        self.ownsDescriptor = owns
        self.name = name
    }

    deinit { if ownsDescriptor { close(fd) } }

    /// Standard output.
    static func standardOutput() -> BatchOutputWriter { BatchOutputWriter(fd: 1, owns: false, name: "-") }

    /// Opens `path`: emptied, or for `--resume` cut to `keepBytes` (dropping a torn last line) and appended to.
    static func open(_ path: String, resume: Bool, keepBytes: Int) throws(BatchOutputError) -> BatchOutputWriter {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (resume ? O_APPEND : O_TRUNC)
        let fd = Foundation.open(path, flags, 0o644)
        guard fd >= 0 else { throw BatchOutputError(message: "cannot open \(path): \(Self.reason())") }
        let writer = BatchOutputWriter(fd: fd, owns: true, name: path)
        if resume, ftruncate(fd, off_t(keepBytes)) != 0 {
            throw BatchOutputError(message: "cannot cut the torn last line of \(path): \(Self.reason())")
        }
        return writer
    }

    /// Writes `line` and a newline in one call (retrying short writes and EINTR).
    func writeLine(_ line: String) throws(BatchOutputError) {
        try write(line + "\n")
    }

    func write(_ text: String) throws(BatchOutputError) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Foundation.write(fd, base.advanced(by: offset), raw.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw BatchOutputError(message: "cannot write to \(name == "-" ? "stdout" : name): \(Self.reason())")
            }
            offset += n
        }
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}
