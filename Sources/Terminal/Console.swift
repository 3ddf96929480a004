import Foundation
import Synchronization

/// Where a command's output goes. Model text and JSON go to `out`; everything else to `err`.
///
/// Writes are unbuffered (`write(2)` on the descriptors), so every delta reaches a pipe or terminal
/// the moment it arrives.
public final class Console: Sendable {
    private let outFD: Int32
    private let errFD: Int32
    /// Whether stdout / stderr / stdin are terminals (decides colours, progress bars, the REPL).
    public let outIsTTY: Bool
    public let errIsTTY: Bool
    public let inIsTTY: Bool
    private let lock = Mutex(())

    public init(outFD: Int32 = 1, errFD: Int32 = 2, inFD: Int32 = 0) {
        self.outFD = outFD
        self.errFD = errFD
        outIsTTY = isatty(outFD) == 1
        errIsTTY = isatty(errFD) == 1
        inIsTTY = isatty(inFD) == 1
    }

    /// Writes model text or JSON to stdout.
    public func out(_ text: String) { write(text, to: outFD) }
    /// Writes diagnostics to stderr.
    public func err(_ text: String) { write(text, to: errFD) }
    /// Writes one diagnostic line to stderr.
    public func errLine(_ text: String) { write(text + "\n", to: errFD) }

    /// Dim text for summaries on a terminal; plain otherwise.
    public func dim(_ text: String) -> String { errIsTTY ? "\u{1B}[2m\(text)\u{1B}[0m" : text }

    private func write(_ text: String, to fd: Int32) {
        lock.withLock { _ in
            var bytes = Array(text.utf8)
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeMutableBytes { raw in
                    Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                }
                if n < 0 {
                    if errno == EINTR { continue }
                    return  // a closed pipe: nothing useful to do with the rest
                }
                offset += n
            }
            bytes.removeAll()
        }
    }
}
