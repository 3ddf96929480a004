import Foundation
import LLMCore
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs the command that implements a tool: the call's JSON arguments on stdin, nothing through a
/// shell; its stdout (capped) is the result, a non-zero exit or a timeout is an error result.
public enum ToolCommandRunner {
    /// The most of a tool's stdout that becomes its result; the rest is read and dropped.
    public static let outputLimit = 1 << 20
    /// The tail of stderr quoted in an error result.
    static let errorLimit = 2048

    /// What one run produced.
    public struct Outcome: Sendable, Hashable {
        public var content: String
        public var isError: Bool
        /// True when stdout was longer than `outputLimit` and was cut.
        public var truncated: Bool
    }

    /// Runs `argv` with `arguments` on stdin for at most `timeout` seconds. Cancelling the calling task
    /// (Ctrl-C) kills the command.
    public static func run(argv: [String], arguments: String, timeout: Double,
                           environment: [String: String]) async -> Outcome {
        guard let program = argv.first else { return Outcome(content: "the tool has no command", isError: true, truncated: false) }
        // A bare name is looked up in PATH, as a shell would; a path is used as is.
        let executable: Executable = program.contains("/") ? .path(FilePath(program)) : .name(program)
        let configuration = Configuration(
            executable: executable, arguments: Arguments(Array(argv.dropFirst())),
            // The `[Key: String]` form: swift-subprocess 1.0.2 mishandles the raw-bytes form.
            environment: .custom(Dictionary(uniqueKeysWithValues: environment.compactMap { key, value in
                Environment.Key(rawValue: key).map { ($0, value) }
            })))
        let name = (program as NSString).lastPathComponent
        do {
            guard let (status, stdout, stderr) = try await runBounded(configuration, arguments: arguments, timeout: timeout) else {
                return Outcome(content: "\(name) did not finish within \(format(timeout)) s and was stopped", isError: true, truncated: false)
            }
            let truncated = stdout.count > outputLimit
            var text = String(decoding: stdout.prefix(outputLimit), as: UTF8.self)
            if truncated { text += "\n[output cut at \(outputLimit) bytes]" }
            switch status {
            case .exited(0):
                return Outcome(content: text, isError: false, truncated: truncated)
            case .exited(let code):
                return Outcome(content: failure("\(name) exited with status \(code)", stdout: text, stderr: stderr), isError: true, truncated: truncated)
            case .signaled(let signal):
                return Outcome(content: failure("\(name) was killed by signal \(signal)", stdout: text, stderr: stderr), isError: true, truncated: truncated)
            }
        } catch is CancellationError {
            return Outcome(content: "\(name) was interrupted", isError: true, truncated: false)
        } catch {
            return Outcome(content: "\(name) could not be started (\(error))", isError: true, truncated: false)
        }
    }

    /// The error result: what happened, then whatever the tool printed (stderr's tail says why).
    static func failure(_ what: String, stdout: String, stderr: [UInt8]) -> String {
        var text = what
        let err = String(decoding: stderr.suffix(errorLimit), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let out = stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        if !err.isEmpty { text += ": " + err }
        if !out.isEmpty { text += "\n" + out }
        return text
    }

    struct ToolRunError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() && seconds < 1e9 ? String(Int(seconds)) : String(seconds)
    }

    /// Status, stdout (one byte past the cap, so a cut can be told) and stderr's tail; nil on timeout,
    /// after the child was killed (cancelling a swift-subprocess run ends in SIGKILL).
    private static func runBounded(_ configuration: Configuration, arguments: String,
                                   timeout: Double) async throws -> (TerminationStatus, [UInt8], [UInt8])? {
        try await withThrowingTaskGroup(of: (TerminationStatus, [UInt8], [UInt8])?.self) { group in
            // The arguments come from an unlinked temporary file rather than a pipe: a tool that exits
            // without reading stdin then cannot raise SIGPIPE in llmctl.
            let input = try argumentsFile(arguments)
            group.addTask {
                let result = try await Subprocess.run(configuration, input: .fileDescriptor(input, closeAfterSpawningProcess: true),
                                                      output: .sequence,
                                                      error: .sequence) { execution in
                    // Both pipes are drained at once so the tool never blocks on a full one.
                    async let err: [UInt8] = drain(execution.standardError, keepTail: errorLimit)
                    let out = await drain(execution.standardOutput, keepHead: outputLimit + 1)
                    return (out, await err)
                }
                return (result.terminationStatus, result.closureResult.0, result.closureResult.1)
            }
            group.addTask {
                try await Task.sleep(for: .seconds(timeout))
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }

    /// A read-only descriptor of an already unlinked file holding `text`, positioned at its start.
    private static func argumentsFile(_ text: String) throws -> FileDescriptor {
        var template = Array((NSTemporaryDirectory() + "/llmctl-tool-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw ToolRunError(message: "cannot create a temporary file: \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let descriptor = FileDescriptor(rawValue: fd)
        do {
            _ = try descriptor.writeAll(Array(text.utf8))
            _ = try descriptor.seek(offset: 0, from: .start)
        } catch {
            try? descriptor.close()
            throw error
        }
        return descriptor
    }

    private static func drain(_ sequence: SubprocessOutputSequence, keepHead limit: Int) async -> [UInt8] {
        var kept: [UInt8] = []
        do {
            for try await chunk in sequence where kept.count < limit {
                chunk.withUnsafeBytes { kept += $0.prefix(limit - kept.count) }
            }
        } catch {}
        return kept
    }

    private static func drain(_ sequence: SubprocessOutputSequence, keepTail limit: Int) async -> [UInt8] {
        var kept: [UInt8] = []
        do {
            for try await chunk in sequence {
                chunk.withUnsafeBytes { kept += $0 }
                if kept.count > 2 * limit { kept.removeFirst(kept.count - limit) }
            }
        } catch {}
        return Array(kept.suffix(limit))
    }
}
