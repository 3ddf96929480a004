import Foundation
import LLMCore
import Terminal
import LLMClient

/// `llmctl config path|show|init`. These never start the transport and work even when the file is bad
/// (`path` and `init` do not read it).
public enum ConfigCommand {
    /// Prints the path llmctl reads its config from (whether or not the file exists).
    public static func path(environment: [String: String], console: Console) -> ExitStatus {
        do {
            let path = try ConfigPaths.configFile(environment: environment)
            console.out(path + "\n")
            if !FileManager.default.fileExists(atPath: path) {
                console.errLine("llmctl: \(path) does not exist yet (llmctl config init writes a commented example)")
            }
            return .success
        } catch {
            return fail(error, console: console)
        }
    }

    /// Prints the configuration in effect with secrets redacted; exit 3 when the file is invalid.
    public static func show(environment: [String: String], console: Console) -> ExitStatus {
        do {
            let path = try ConfigPaths.configFile(environment: environment)
            let loaded = try ConfigLoader.load(path: path)
            for warning in loaded.warnings { console.errLine("llmctl: warning: \(warning)") }
            console.out(ConfigRenderer.render(loaded.config, path: path, fileExists: loaded.exists, environment: environment))
            return .success
        } catch {
            return fail(error, console: console)
        }
    }

    /// Writes the commented example (mode 0600, creating directories); refuses to overwrite.
    public static func initialize(environment: [String: String], console: Console) -> ExitStatus {
        let path: String
        do {
            path = try ConfigPaths.configFile(environment: environment)
            try FileManager.default.createDirectory(atPath: ConfigPaths.directory(of: path), withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            return fail(error, console: console)
        }
        switch createExclusively(path, containing: ConfigTemplate.text) {
        case .written:
            console.errLine("llmctl: wrote a commented example to \(path); edit it, then check it with llmctl config show")
            return .success
        case .exists:
            // A known refusal, not an unexpected failure: a configuration matter, exit 3.
            console.errLine("llmctl: error: \(path) already exists; not overwriting it (edit it, or move it away and run llmctl config init again)")
            return .config
        case .failed(let reason):
            console.errLine("llmctl: error: cannot write \(path): \(reason)")
            return .failure
        }
    }

    enum WriteResult: Equatable {
        case written, exists, failed(String)
    }

    /// Creates the file exclusively (O_EXCL), so an existing file — even one created a moment ago by
    /// another process — is never replaced, and the key-bearing file is 0600 from the first byte.
    static func createExclusively(_ path: String, containing text: String) -> WriteResult {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            return code == EEXIST ? .exists : .failed(String(cString: strerror(code)))
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return .failed(String(cString: strerror(errno)))
            }
            offset += written
        }
        return .written
    }

    private static func fail(_ error: any Error, console: Console) -> ExitStatus {
        let report = ErrorReport(error)
        console.errLine("llmctl: error: \(report.message)")
        return report.status
    }
}
