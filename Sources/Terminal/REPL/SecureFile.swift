import Foundation

/// Writes files only their owner can read: history and sessions hold whole conversations.
enum SecureFile {
    /// Creates `path` (and parents) with mode 0700 when missing.
    static func makeDirectory(_ path: String) throws {
        guard !path.isEmpty else { return }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    /// Replaces `path` atomically with `data`, mode 0600: a temporary file in the same directory is
    /// created 0600 (never briefly world-readable), written, then renamed over the target.
    static func write(_ data: Data, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try makeDirectory(directory)
        var template = Array(((directory.isEmpty ? "." : directory) + "/.llmctl-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw SecureFileError(path: path, errno: errno) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var ok = fchmod(fd, 0o600) == 0
        if ok {
            ok = data.withUnsafeBytes { raw -> Bool in
                var offset = 0
                while offset < raw.count {
                    let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 { if errno == EINTR { continue }; return false }
                    offset += n
                }
                return true
            }
        }
        let saved = errno
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            let failure = ok ? errno : saved
            unlink(temporary)
            throw SecureFileError(path: path, errno: failure)
        }
    }
}

/// A file or directory could not be written.
public struct SecureFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var errno: Int32
    public var description: String { "cannot write \(path): \(String(cString: strerror(errno)))" }
}
