import Foundation
import LLMCore

/// Where the REPL keeps its state: `$XDG_STATE_HOME/llmctl` (fallback `~/.local/state/llmctl`).
public struct StatePaths: Sendable, Hashable {
    public var root: String

    public init(root: String) { self.root = root }

    /// XDG says a relative `XDG_STATE_HOME` is invalid and must be ignored.
    public init(environment: [String: String]) {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            root = state + "/llmctl"
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            root = home + "/.local/state/llmctl"
        }
    }

    public var history: String { root + "/history" }
    public var sessions: String { root + "/sessions" }
}

/// Conversations as JSON files: `/save PATH` exports, `/load PATH` imports, and the session folder of
/// llmctl versions before the conversation log (imported into the log once). Names of conversations
/// (`--session NAME`, `/save NAME`) follow the same rules as those files' names did.
public struct SessionStore: Sendable {
    /// The file the unnamed session of older versions was kept in (imported without a name).
    public static let unnamed = "_last"

    public var directory: String
    /// Secrets scrubbed from every file written (the conversation in memory keeps them).
    public var redactor: Redactor

    public init(paths: StatePaths, redactor: Redactor = Redactor()) {
        directory = paths.sessions
        self.redactor = redactor
    }

    /// Conversation names are plain file names: letters, digits, `.`, `_`, `-`, starting with a letter or digit.
    public static func validate(_ name: String) throws {
        if name == unnamed { return }
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard let first = name.unicodeScalars.first, CharacterSet.alphanumerics.contains(first), first.isASCII,
              name.count <= 64, name.unicodeScalars.allSatisfy({ allowed.contains($0) }) else {
            throw SessionError("'\(name)' is not a session name: use letters, digits, '.', '_' and '-', starting with a letter or digit")
        }
    }

    /// Reads a session file; nil when it does not exist.
    public func load(path: String) throws -> SessionFile? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SessionError("cannot read \(path): permission denied")
        }
        return try SessionFile.decode(data, path: path)
    }

    /// Writes a session file (mode 0600, atomically), scrubbing known secrets.
    public func save(_ file: SessionFile, to path: String) throws {
        var scrubbed = file
        scrubbed.system = file.system.map(redactor.scrub)
        scrubbed.messages = file.messages.map { message in
            var m = message
            m.content = redactor.scrub(m.content)
            m.error = m.error.map(redactor.scrub)
            m.parts = m.parts?.map { Self.scrub($0, with: redactor) }
            return m
        }
        do {
            try SecureFile.write(try scrubbed.encoded(), to: path)
        } catch let error as SecureFileError {
            throw SessionError(error.description)
        }
    }

    /// A part with known secrets removed from its text (signatures and image bytes are opaque and kept).
    public static func scrub(_ part: ContentPart, with redactor: Redactor) -> ContentPart {
        switch part {
        case .text(let text): return .text(redactor.scrub(text))
        case .image: return part
        case .toolCall(var call):
            call.arguments = redactor.scrub(call.arguments)
            return .toolCall(call)
        case .toolResult(var result):
            result.content = redactor.scrub(result.content)
            return .toolResult(result)
        case .reasoning(var block):
            block.text = redactor.scrub(block.text)
            return .reasoning(block)
        }
    }

    /// `~/x` → `$HOME/x`; relative paths stay relative to the working directory.
    public static func expand(_ path: String, home: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst() }
        return path
    }
}
