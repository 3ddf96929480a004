import Foundation
import LLMCore

/// A throwaway HOME with its own XDG config directory, removed by `remove()`.
struct ConfigHome {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "llmctl-config-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    var environment: [String: String] { CLIRunner.baseEnvironment(home: path) }
    var configFile: String { path + "/config/llmctl/config.toml" }

    func write(_ text: String, mode: Int = 0o600) throws {
        try FileManager.default.createDirectory(atPath: path + "/config/llmctl", withIntermediateDirectories: true)
        try text.write(toFile: configFile, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: configFile)
    }

    func read(_ file: String) -> String? {
        FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) }
    }

    func mode(_ file: String) throws -> Int {
        try ((FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The `model` field of a recorded OpenAI request body.
func requestedModel(_ body: [UInt8]) -> String? {
    (try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])?["model"] as? String
}
