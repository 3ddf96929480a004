import Foundation
import Synchronization

/// Where output goes: `out` for model text and JSON, `err` for everything else.
public protocol OutputSink: Sendable {
    func writeOut(_ text: String)
    func writeErr(_ text: String)
}

/// The process's stdout and stderr, unbuffered (`write(2)` on the descriptors), so every delta reaches
/// a pipe or terminal the moment it arrives.
public final class FileDescriptorSink: OutputSink {
    private let outFD: Int32
    private let errFD: Int32
    private let lock = Mutex(())

    public init(outFD: Int32 = 1, errFD: Int32 = 2) {
        self.outFD = outFD
        self.errFD = errFD
    }

    public func writeOut(_ text: String) { write(text, to: outFD) }
    public func writeErr(_ text: String) { write(text, to: errFD) }

    private func write(_ text: String, to fd: Int32) {
        lock.withLock { _ in
            var bytes = Array(text.utf8)
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeMutableBytes { raw -> Int in
                    guard let base = raw.baseAddress else { return 0 }
                    return Foundation.write(fd, base + offset, raw.count - offset)
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

/// Keeps what a command writes, for tests that run commands in-process.
public final class CapturingSink: OutputSink {
    private let captured = Mutex<(out: String, err: String)>(("", ""))

    public init() {}

    public func writeOut(_ text: String) { captured.withLock { $0.out += text } }
    public func writeErr(_ text: String) { captured.withLock { $0.err += text } }

    /// Everything written to stdout so far.
    public var stdout: String { captured.withLock { $0.out } }
    /// Everything written to stderr so far.
    public var stderr: String { captured.withLock { $0.err } }
}

/// A command's output: a sink and the terminal's capabilities. Model text and JSON go to `out`;
/// diagnostics, stats and progress to `err`.
public final class Console: Sendable {
    public let terminal: TerminalCapabilities
    private let sink: any OutputSink

    public init(sink: any OutputSink = FileDescriptorSink(), terminal: TerminalCapabilities) {
        self.sink = sink
        self.terminal = terminal
    }

    /// The process's stdout and stderr, with the terminal detected from the process's environment.
    public static func standard() -> Console {
        Console(terminal: .detect(environment: ProcessInfo.processInfo.environment))
    }

    /// Writes model text or JSON to stdout.
    public func out(_ text: String) { sink.writeOut(text) }
    /// Writes diagnostics to stderr.
    public func err(_ text: String) { sink.writeErr(text) }
    /// Writes one diagnostic line to stderr.
    public func errLine(_ text: String) { sink.writeErr(text + "\n") }

    /// Dim text for summaries on stderr when it takes colour; plain otherwise.
    public func dim(_ text: String) -> String { terminal.stderrColor ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}
