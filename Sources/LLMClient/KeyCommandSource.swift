/// Supplies the key a config endpoint's `key_cmd` prints.
public protocol KeyCommandSource: Sendable {
    /// The key `command` yields; `owner` names the endpoint in errors (`[endpoints.work]`).
    func key(for command: String, owner: String) async throws -> String
    /// Keys handed out so far, for redaction.
    var secrets: [String] { get }
}

/// A key source that runs nothing: `llmctl models` shows that a key command exists without running it.
public struct UnrunKeyCommands: KeyCommandSource {
    public init() {}
    public func key(for command: String, owner: String) async throws -> String { "" }
    public var secrets: [String] { [] }
}
