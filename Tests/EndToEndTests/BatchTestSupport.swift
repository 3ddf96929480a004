import Foundation
import MockProviders
import Testing

/// Helpers for the `batch` and `compare` end-to-end tests: servers, files, and a child process that
/// can be interrupted half-way (CLIRunner only runs to completion).
enum BatchSupport {
    static let key = "sk-test-batch-0123456789"

    static func start(_ configuration: MockConfiguration = .init()) throws -> MockServer {
        try MockFixture.start(configuration)
    }

    static func environment(_ server: MockServer) -> [String: String] {
        MockFixture.openAIEnvironment(server, key: key)
    }

    /// A fresh directory for one test's files.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("llmctl-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `count` prompts with integer ids 0..<count, one JSON object per line.
    static func input(count: Int) -> String {
        (0..<count).map { #"{"id": \#($0), "prompt": "question \#($0)"}"# }.joined(separator: "\n") + "\n"
    }

    /// Every line of a JSONL text as an object; a line that is not one fails the test.
    static func objects(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
        }
    }

    static func lineCount(_ path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        return data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
