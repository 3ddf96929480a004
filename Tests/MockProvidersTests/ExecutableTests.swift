import Foundation
import Subprocess
import TestChildProcess
import Testing

/// The `mock-providers` executable next to the test bundle (built by `swift build` / `swift test`).
let mockProvidersBinary: URL? = {
    let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [directory, directory.deletingLastPathComponent()] {
        let url = candidate.appendingPathComponent("mock-providers")
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
}()

/// The standalone server: prints its URL, serves, stops cleanly on SIGTERM.
struct ExecutableTests {
    @Test(.enabled(if: mockProvidersBinary != nil, "mock-providers binary not built"))
    func printsItsURLServesAndStopsOnSIGTERM() async throws {
        let process = try await TestChild(path: try #require(mockProvidersBinary).path,
                                          arguments: ["--port", "0", "--tokens", "4", "--quiet"],
                                          environment: ProcessInfo.processInfo.environment, timeout: 60)
        defer { process.send(SIGKILL) }
        let line = await process.firstStdoutLine(timeout: 20) ?? ""
        #expect(line.hasPrefix("listening on http://127.0.0.1:"))
        let port = try #require(Int(line.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ":").last ?? ""))
        let response = roundTrip(port, "/v1/chat/completions", headers: [bearer], body: openAIBody())
        #expect(response.status == 200)
        #expect(response.sseObjects.count == 1 + 4 + 1)
        let stats = roundTrip(port, "/__mock/stats", method: "GET").json
        #expect(stats["requests"] as? Int == 1)
        process.send(SIGTERM)
        let ended = await process.output()
        #expect(ended.termination == .exited(0))
    }
}
