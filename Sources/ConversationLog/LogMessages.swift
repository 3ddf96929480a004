import Crypto
import Foundation
import LLMCore

/// Messages as the log stores them: JSON of `{role, parts}`, where an image is recorded by media type,
/// size and sha256 only — the log never keeps attachment bytes.
enum LogMessages {
    static func encode(_ messages: [ChatMessage]) -> String {
        JSONValue.array(messages.map(encode)).jsonText()
    }

    static func encode(_ message: ChatMessage) -> JSONValue {
        .object(["role": .string(message.role.rawValue), "parts": .array(message.parts.map(encode))])
    }

    static func encode(_ part: ContentPart) -> JSONValue {
        switch part {
        case .text(let text): return .object(["type": .string("text"), "text": .string(text)])
        case .image(let image):
            return .object(["type": .string("image"), "media_type": .string(image.mediaType),
                            "size": .number(image.bytes.count), "sha256": .string(sha256(image.bytes))])
        case .toolCall(let call):
            return .object(omittingNils: ["type": .string("tool_call"), "id": .string(call.id), "name": .string(call.name),
                                          "arguments": .string(call.arguments), "signature": call.signature.map(JSONValue.string)])
        case .toolResult(let result):
            return .object(["type": .string("tool_result"), "call_id": .string(result.callID), "name": .string(result.name),
                            "content": .string(result.content), "is_error": .bool(result.isError)])
        case .reasoning(let block):
            return .object(omittingNils: ["type": .string("reasoning"), "text": .string(block.text),
                                          "signature": block.signature.map(JSONValue.string),
                                          "redacted": block.redacted.map(JSONValue.string)])
        }
    }

    /// The messages back; an image becomes a note in its place (its bytes were never kept).
    static func decode(_ text: String) -> [ChatMessage] {
        guard let list = (try? JSONValue.parse(text))?.array else { return [] }
        return list.compactMap { item in
            guard let role = item["role"]?.string.flatMap(ChatRole.init(rawValue:)) else { return nil }
            return ChatMessage(role: role, parts: (item["parts"]?.array ?? []).compactMap(decode))
        }
    }

    static func decode(_ part: JSONValue) -> ContentPart? {
        switch part["type"]?.string {
        case "text": return part["text"]?.string.map(ContentPart.text)
        case "image":
            let type = part["media_type"]?.string ?? "image"
            return .text("[\(type) attachment, sha256 \(part["sha256"]?.string ?? "?"), not kept in the log]")
        case "tool_call":
            return .toolCall(ToolCall(id: part["id"]?.string ?? "", name: part["name"]?.string ?? "",
                                      arguments: part["arguments"]?.string ?? "{}", signature: part["signature"]?.string))
        case "tool_result":
            return .toolResult(ToolResult(callID: part["call_id"]?.string ?? "", name: part["name"]?.string ?? "",
                                          content: part["content"]?.string ?? "", isError: part["is_error"]?.bool ?? false))
        case "reasoning":
            return .reasoning(ReasoningBlock(text: part["text"]?.string ?? "", signature: part["signature"]?.string,
                                             redacted: part["redacted"]?.string))
        default: return nil
        }
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
