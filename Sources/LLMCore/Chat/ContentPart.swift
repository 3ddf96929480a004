import Foundation

/// One piece of a message: what providers carry besides plain text.
public enum ContentPart: Sendable, Hashable {
    case text(String)
    case image(ImageAttachment)
    /// The model asked for a tool to be run (an assistant part).
    case toolCall(ToolCall)
    /// What a tool returned for an earlier call (a `.tool` message part).
    case toolResult(ToolResult)
    /// The model's visible reasoning, with whatever the provider needs to accept it back.
    case reasoning(ReasoningBlock)

    /// The text of a `.text` part; nil for the others.
    public var text: String? {
        if case .text(let text) = self { text } else { nil }
    }
}

/// Image bytes with their media type (`image/png`, `image/jpeg`, `image/gif`, `image/webp`).
public struct ImageAttachment: Sendable, Hashable {
    public var mediaType: String
    public var bytes: [UInt8]

    public init(mediaType: String, bytes: [UInt8]) {
        self.mediaType = mediaType
        self.bytes = bytes
    }

    /// The bytes in standard base64, as every provider's JSON wants them.
    public var base64: String { Data(bytes).base64EncodedString() }
}

/// A call the model made to a tool.
public struct ToolCall: Sendable, Hashable, Codable {
    /// The provider's call id (Gemini sends none: llmctl makes one up so results can refer to it).
    public var id: String
    public var name: String
    /// The arguments as JSON text, as the model wrote them (normally an object).
    public var arguments: String
    /// Gemini's opaque `thoughtSignature` on a function-call part, which must be sent back with it.
    public var signature: String?

    public init(id: String, name: String, arguments: String, signature: String? = nil) {
        self.id = id
        self.name = name
        self.arguments = arguments
        self.signature = signature
    }

    /// The arguments parsed; an empty string is `{}`, and anything that is not a JSON object is
    /// wrapped so providers that want an object still get one.
    public var argumentsObject: JSONValue {
        let trimmed = arguments.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return .object([]) }
        if let value = try? JSONValue.parse(trimmed), value.members != nil { return value }
        return .object(["input": .string(arguments)])
    }
}

/// What running a tool produced, for the call `callID`.
public struct ToolResult: Sendable, Hashable, Codable {
    public var callID: String
    /// The tool's name (Gemini matches results by name).
    public var name: String
    public var content: String
    public var isError: Bool

    public init(callID: String, name: String, content: String, isError: Bool = false) {
        self.callID = callID
        self.name = name
        self.content = content
        self.isError = isError
    }
}

/// Reasoning the model showed, plus the opaque data its provider requires back on the next turn.
public struct ReasoningBlock: Sendable, Hashable, Codable {
    public var text: String
    /// Anthropic thinking signature, Gemini thought signature, Bedrock reasoning signature.
    public var signature: String?
    /// Anthropic `redacted_thinking` / Bedrock `redactedContent`: encrypted reasoning to send back as is.
    public var redacted: String?

    public init(text: String = "", signature: String? = nil, redacted: String? = nil) {
        self.text = text
        self.signature = signature
        self.redacted = redacted
    }
}
