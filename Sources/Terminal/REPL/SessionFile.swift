import Foundation
import LLMCore

/// One message of a saved conversation, with what the REPL knows about how it was produced.
public struct SessionMessage: Codable, Sendable, Hashable {
    public var role: ChatRole
    public var content: String
    /// The reply was cut short by Ctrl-C or an error; `content` is what had arrived.
    public var interrupted: Bool
    /// Why the reply stopped early, when it was an error rather than Ctrl-C.
    public var error: String?
    /// The model that produced an assistant message.
    public var model: String?
    /// Where the time of this reply went.
    public var stats: RequestStats?
    /// Everything the message holds when it is more than text (reasoning with its signatures, tool
    /// calls and results, images); nil for a text-only message, whose text is `content`.
    public var parts: [ContentPart]?

    public init(role: ChatRole, content: String, interrupted: Bool = false, error: String? = nil,
                model: String? = nil, stats: RequestStats? = nil) {
        self.role = role
        self.content = content
        self.interrupted = interrupted
        self.error = error
        self.model = model
        self.stats = stats
    }

    /// A message of the conversation as the model sees it; text-only messages keep the plain form.
    public init(_ message: ChatMessage, interrupted: Bool = false, error: String? = nil, model: String? = nil,
                stats: RequestStats? = nil) {
        self.init(role: message.role, content: message.content, interrupted: interrupted, error: error, model: model, stats: stats)
        if message.parts.contains(where: { $0.text == nil }) { parts = message.parts }
    }

    /// The message as it is sent to the model.
    public var chatMessage: ChatMessage {
        ChatMessage(role: role, parts: parts ?? [.text(content)])
    }

    enum CodingKeys: String, CodingKey { case role, content, interrupted, error, model, stats, parts }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        role = try c.decode(ChatRole.self, forKey: .role)
        content = try c.decode(String.self, forKey: .content)
        interrupted = try c.decodeIfPresent(Bool.self, forKey: .interrupted) ?? false
        error = try c.decodeIfPresent(String.self, forKey: .error)
        model = try c.decodeIfPresent(String.self, forKey: .model)
        stats = try c.decodeIfPresent(RequestStats.self, forKey: .stats)
        parts = try c.decodeIfPresent([ContentPart].self, forKey: .parts)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(role, forKey: .role)
        try c.encode(content, forKey: .content)
        // Only the unusual case is written, so ordinary files stay short.
        if interrupted { try c.encode(true, forKey: .interrupted) }
        try c.encodeIfPresent(error, forKey: .error)
        try c.encodeIfPresent(model, forKey: .model)
        try c.encodeIfPresent(stats, forKey: .stats)
        try c.encodeIfPresent(parts, forKey: .parts)
    }
}

/// The settings a conversation carries with it.
public struct SessionSettings: Codable, Sendable, Hashable {
    public var temperature: Double?
    public var maxTokens: Int?
    public var summary: Bool?

    public init(temperature: Double? = nil, maxTokens: Int? = nil, summary: Bool? = nil) {
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.summary = summary
    }

    enum CodingKeys: String, CodingKey { case temperature, maxTokens = "max_tokens", summary }
}

/// A conversation as `/save` writes it and `/load` and `--session` read it.
public struct SessionFile: Codable, Sendable, Hashable {
    public static let currentVersion = 1

    public var version: Int
    public var model: String?
    public var system: String?
    public var settings: SessionSettings
    public var messages: [SessionMessage]
    public var savedAt: Date?

    public init(model: String? = nil, system: String? = nil, settings: SessionSettings = .init(),
                messages: [SessionMessage] = [], savedAt: Date? = nil) {
        self.version = Self.currentVersion
        self.model = model
        self.system = system
        self.settings = settings
        self.messages = messages
        self.savedAt = savedAt
    }

    enum CodingKeys: String, CodingKey { case version, model, system, settings, messages, savedAt = "saved_at" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decodeIfPresent(Int.self, forKey: .version) ?? 1
        model = try c.decodeIfPresent(String.self, forKey: .model)
        system = try c.decodeIfPresent(String.self, forKey: .system)
        settings = try c.decodeIfPresent(SessionSettings.self, forKey: .settings) ?? .init()
        messages = try c.decode([SessionMessage].self, forKey: .messages)
        savedAt = try c.decodeIfPresent(Date.self, forKey: .savedAt)
    }

    /// Pretty, key-sorted JSON with ISO 8601 dates, so saved sessions diff well.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// Parses a saved session; the error names the file and says what is wrong in one line.
    public static func decode(_ data: Data, path: String) throws -> SessionFile {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            let file = try decoder.decode(SessionFile.self, from: data)
            guard file.version <= currentVersion else {
                throw SessionError("\(path) is a version \(file.version) session; this llmctl reads version \(currentVersion) — upgrade llmctl")
            }
            return file
        } catch let error as SessionError {
            throw error
        } catch let DecodingError.keyNotFound(key, context) {
            throw SessionError("\(path) is not an llmctl session: missing \"\(Self.pathText(context.codingPath + [key]))\"")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw SessionError("\(path) is not an llmctl session: bad value at \"\(Self.pathText(context.codingPath))\"")
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            throw SessionError("\(path) is not an llmctl session: bad value at \"\(Self.pathText(context.codingPath))\"")
        } catch {
            throw SessionError("\(path) is not an llmctl session: it is not valid JSON")
        }
    }

    private static func pathText(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
}

/// A session could not be named, read or written; the message says what to do.
public struct SessionError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
