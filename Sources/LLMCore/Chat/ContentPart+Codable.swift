import Foundation

/// Content parts in saved sessions: `{"type": "text" | "image" | "tool_call" | "tool_result" | "reasoning", …}`,
/// snake_case fields, image bytes in base64.
extension ContentPart: Codable {
    enum CodingKeys: String, CodingKey {
        case type, text, mediaType = "media_type", data, id, name, arguments, signature
        case callID = "call_id", content, isError = "is_error", redacted
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "text":
            self = .text(try c.decode(String.self, forKey: .text))
        case "image":
            let encoded = try c.decode(String.self, forKey: .data)
            guard let bytes = Data(base64Encoded: encoded) else {
                throw DecodingError.dataCorruptedError(forKey: .data, in: c, debugDescription: "image data is not base64")
            }
            self = .image(ImageAttachment(mediaType: try c.decode(String.self, forKey: .mediaType), bytes: [UInt8](bytes)))
        case "tool_call":
            self = .toolCall(ToolCall(id: try c.decode(String.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
                                      arguments: try c.decode(String.self, forKey: .arguments),
                                      signature: try c.decodeIfPresent(String.self, forKey: .signature)))
        case "tool_result":
            self = .toolResult(ToolResult(callID: try c.decode(String.self, forKey: .callID), name: try c.decode(String.self, forKey: .name),
                                          content: try c.decode(String.self, forKey: .content),
                                          isError: try c.decodeIfPresent(Bool.self, forKey: .isError) ?? false))
        case "reasoning":
            self = .reasoning(ReasoningBlock(text: try c.decodeIfPresent(String.self, forKey: .text) ?? "",
                                             signature: try c.decodeIfPresent(String.self, forKey: .signature),
                                             redacted: try c.decodeIfPresent(String.self, forKey: .redacted)))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown part type \(type)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .text(let text):
            try c.encode("text", forKey: .type)
            try c.encode(text, forKey: .text)
        case .image(let image):
            try c.encode("image", forKey: .type)
            try c.encode(image.mediaType, forKey: .mediaType)
            try c.encode(image.base64, forKey: .data)
        case .toolCall(let call):
            try c.encode("tool_call", forKey: .type)
            try c.encode(call.id, forKey: .id)
            try c.encode(call.name, forKey: .name)
            try c.encode(call.arguments, forKey: .arguments)
            try c.encodeIfPresent(call.signature, forKey: .signature)
        case .toolResult(let result):
            try c.encode("tool_result", forKey: .type)
            try c.encode(result.callID, forKey: .callID)
            try c.encode(result.name, forKey: .name)
            try c.encode(result.content, forKey: .content)
            if result.isError { try c.encode(true, forKey: .isError) }
        case .reasoning(let block):
            try c.encode("reasoning", forKey: .type)
            try c.encode(block.text, forKey: .text)
            try c.encodeIfPresent(block.signature, forKey: .signature)
            try c.encodeIfPresent(block.redacted, forKey: .redacted)
        }
    }
}
