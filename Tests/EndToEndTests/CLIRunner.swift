import Foundation

/// Runs the built `llmctl` binary as a child process, the way a script would.
struct CLIRunner {
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// `LLMCTL_BIN`, else the debug build next to this package.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["LLMCTL_BIN"] { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/llmctl").path
    }

    /// A clean environment: no real provider credentials leak in from the machine running the tests.
    static func baseEnvironment(home: String = NSTemporaryDirectory()) -> [String: String] {
        var env: [String: String] = ["PATH": "/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8"]
        env["XDG_CONFIG_HOME"] = home + "/config"
        env["XDG_STATE_HOME"] = home + "/state"
        return env
    }

    static func run(_ arguments: [String], environment: [String: String], stdin: String? = nil,
                    timeout: TimeInterval = 30) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = LockedData(), errData = LockedData()
        let group = DispatchGroup()
        for (pipe, sink) in [(out, outData), (err, errData)] {
            group.enter()
            DispatchQueue.global().async {
                sink.set(pipe.fileHandleForReading.readDataToEndOfFile())
                group.leave()
            }
        }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            group.wait()
        }
        process.waitUntilExit()
        return Result(stdout: String(decoding: outData.get(), as: UTF8.self),
                      stderr: String(decoding: errData.get(), as: UTF8.self),
                      status: process.terminationStatus)
    }
}

/// A data buffer filled by one reader thread and read after it finished.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ d: Data) { lock.withLock { data = d } }
    func get() -> Data { lock.withLock { data } }
}
