import Foundation

/// Reads piped standard input without ever trapping: a closed descriptor is "no stdin", a directory or
/// a read error is a usage error that says what to do.
public enum StandardInput {
    /// Puts `/dev/null` on any of descriptors 0–2 the process was started without (`llmctl ask hi <&-`).
    /// Called first thing: otherwise the first file or socket llmctl opens takes descriptor 0, and
    /// "stdin" would be that socket.
    public static func reserveStandardDescriptors() {
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
            if null >= 0, null != fd {
                dup2(null, fd)
                close(null)
            }
        }
    }

    /// All of stdin as text; nil when there is none (closed, or a terminal: the caller checks that).
    static func readAll(fd: Int32 = 0) throws -> String? {
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            // EBADF: a closed stdin that `reserveStandardDescriptors` did not see; nothing was piped.
            if errno == EBADF { return nil }
            throw UsageError("cannot read stdin (\(String(cString: strerror(errno)))); pass the prompt as arguments")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw UsageError("stdin is a directory; redirect a file instead (llmctl ask \"…\" < file)")
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw UsageError("cannot read stdin (\(String(cString: strerror(errno)))); pass the prompt as arguments")
            }
            bytes.append(contentsOf: buffer[..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
