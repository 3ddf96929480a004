import Foundation
import LLMCore

/// The `messages`, `tools` and `reasoning` of a batch line, in the OpenAI chat format: content is a
/// string or an array of parts (`text`, `image_url` with a data URL); assistant messages may carry
/// `tool_calls`, and `tool` messages answer them by `tool_call_id`.
enum BatchMessages {
    struct Problem: Error {
        var message: String
    }

    /// The keys a batch line may hold; anything else is reported once as a warning.
    static let knownKeys: Set<String> = ["id", "prompt", "messages", "model", "system", "temperature", "max_tokens",
                                         "tools", "reasoning"]

    static func parse(_ value: JSONValue) -> Result<(messages: [ChatMessage], system: [String]), Problem> {
        guard let list = value.array else { return .failure(Problem(message: "\"messages\" must be an array")) }
        var messages: [ChatMessage] = []
        var system: [String] = []
        // Tool names by call id, so a `tool` message (which names only the id) can name its tool.
        var callNames: [String: String] = [:]
        for (index, entry) in list.enumerated() {
            let at = "messages[\(index)]"
            guard let roleText = entry["role"]?.string, let role = ChatRole(rawValue: roleText) else {
                return .failure(Problem(message: "\(at): \"role\" must be system, user, assistant or tool"))
            }
            var parts: [ContentPart]
            switch contentParts(entry["content"], at: at, allowImages: role == .user) {
            case .failure(let problem): return .failure(problem)
            case .success(let found): parts = found
            }
            switch role {
            case .system:
                system.append(parts.compactMap(\.text).joined())
                continue
            case .assistant:
                for (callIndex, call) in (entry["tool_calls"]?.array ?? []).enumerated() {
                    guard let id = call["id"]?.string, let name = call["function"]?["name"]?.string else {
                        return .failure(Problem(message: "\(at).tool_calls[\(callIndex)]: needs \"id\" and \"function\": {\"name\", \"arguments\"}"))
                    }
                    let arguments = call["function"]?["arguments"]
                    parts.append(.toolCall(ToolCall(id: id, name: name, arguments: arguments?.string ?? arguments?.jsonText() ?? "{}")))
                    callNames[id] = name
                }
            case .tool:
                guard let callID = entry["tool_call_id"]?.string else {
                    return .failure(Problem(message: "\(at): a tool message needs \"tool_call_id\""))
                }
                let result = ToolResult(callID: callID, name: entry["name"]?.string ?? callNames[callID] ?? "tool",
                                        content: parts.compactMap(\.text).joined())
                // Consecutive tool results answer one assistant turn: they travel as one message.
                if let last = messages.last, last.role == .tool {
                    messages[messages.count - 1].parts.append(.toolResult(result))
                } else {
                    messages.append(ChatMessage(role: .tool, parts: [.toolResult(result)]))
                }
                continue
            case .user:
                guard !parts.isEmpty else {
                    return .failure(Problem(message: "\(at): \"content\" must be a non-empty string or an array of parts"))
                }
            }
            messages.append(ChatMessage(role: role, parts: parts))
        }
        guard messages.contains(where: { $0.role == .user }) else { return .failure(Problem(message: "\"messages\" has no user message")) }
        return .success((messages, system))
    }

    /// A string, or an array of `{"type":"text","text"}` and `{"type":"image_url","image_url":{"url":"data:…"}}` parts.
    static func contentParts(_ value: JSONValue?, at: String, allowImages: Bool) -> Result<[ContentPart], Problem> {
        switch value {
        case .string(let text)?: return .success(text.isEmpty ? [] : [.text(text)])
        case .null?, nil: return .success([])
        case .array(let items)?:
            var parts: [ContentPart] = []
            for (index, item) in items.enumerated() {
                let place = "\(at).content[\(index)]"
                switch item["type"]?.string {
                case "text"?, "input_text"?:
                    guard let text = item["text"]?.string else { return .failure(Problem(message: "\(place): a text part needs \"text\"")) }
                    parts.append(.text(text))
                case "image_url"?:
                    guard allowImages else { return .failure(Problem(message: "\(place): only user messages may hold images")) }
                    guard let url = item["image_url"]?["url"]?.string ?? item["image_url"]?.string else {
                        return .failure(Problem(message: "\(place): an image_url part needs \"image_url\": {\"url\": \"data:image/png;base64,…\"}"))
                    }
                    switch image(fromDataURL: url) {
                    case .success(let image): parts.append(.image(image))
                    case .failure(let problem): return .failure(Problem(message: "\(place): \(problem.message)"))
                    }
                default:
                    return .failure(Problem(message: "\(place): \"type\" must be text or image_url"))
                }
            }
            return .success(parts)
        default:
            return .failure(Problem(message: "\(at): \"content\" must be a string or an array of parts"))
        }
    }

    /// `data:image/png;base64,…` → the image; the media type is checked against the bytes.
    static func image(fromDataURL url: String) -> Result<ImageAttachment, Problem> {
        guard url.hasPrefix("data:") else {
            return .failure(Problem(message: "only data: URLs are sent (llmctl does not fetch images); embed it as data:image/png;base64,…"))
        }
        guard let comma = url.firstIndex(of: ","), url[..<comma].hasSuffix(";base64"),
              let bytes = Data(base64Encoded: String(url[url.index(after: comma)...])) else {
            return .failure(Problem(message: "the data URL must be base64: data:<media type>;base64,<data>"))
        }
        guard let mediaType = ImageFile.mediaType(of: [UInt8](bytes)) else {
            return .failure(Problem(message: "the data URL does not hold a PNG, JPEG, GIF or WebP image"))
        }
        return .success(ImageAttachment(mediaType: mediaType, bytes: [UInt8](bytes)))
    }

    /// `tools`: definitions in the OpenAI format or plain `{name, description, parameters}`. A batch
    /// runs no commands: calls come back in the result's `tool_calls`.
    static func tools(_ value: JSONValue) -> Result<[ToolDefinition], Problem> {
        guard let list = value.array else { return .failure(Problem(message: "\"tools\" must be an array of tool definitions")) }
        var out: [ToolDefinition] = []
        for (index, item) in list.enumerated() {
            do {
                let spec = try ToolCatalog.definition(item, place: "tools[\(index)]")
                if spec.command != nil {
                    return .failure(Problem(message: "tools[\(index)]: a batch does not run tool commands; leave out \"command\" (calls come back in tool_calls)"))
                }
                out.append(spec.definition)
            } catch {
                return .failure(Problem(message: "\(error)"))
            }
        }
        return .success(out)
    }
}
