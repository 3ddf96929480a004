import LLMCore
import Terminal
import LLMClient

/// One prompt of a batch: a line of the input JSONL, validated.
public struct BatchItem: Sendable, Hashable {
    /// The item's `id` as written (a string or an integer), echoed in its output line.
    public var id: JSONValue
    public var messages: [ChatMessage]
    /// `provider:model` for this item only; nil uses the command's `-m` list (or the default model).
    public var model: String?
    public var system: String?
    public var temperature: Double?
    public var maxTokens: Int?
    /// 1-based line number in the input, for messages.
    public var line: Int
    /// Tools offered to the model (definitions only: calls come back in the result).
    public var tools: [ToolDefinition] = []
    public var reasoning: ReasoningSetting?
    /// Keys of the line llmctl does not know (reported once per key, not silently dropped).
    public var unknownKeys: [String] = []

    /// An item; `line` is its 1-based line in the input.
    public init(id: JSONValue, messages: [ChatMessage], model: String? = nil, system: String? = nil,
                temperature: Double? = nil, maxTokens: Int? = nil, line: Int) {
        self.id = id
        self.messages = messages
        self.model = model
        self.system = system
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.line = line
    }
}

/// What one input line turned out to be.
public enum BatchLine: Sendable, Hashable {
    case item(BatchItem)
    /// Empty or whitespace only: ignored, not an error.
    case blank
    /// Not a usable item; the reason is the message after `file:line: `.
    case malformed(String)
}

/// Parses input lines: `{"id", "prompt" | "messages", "model"?, "system"?, "temperature"?, "max_tokens"?,
/// "tools"?, "reasoning"?}`.
///
/// Pure, so every rule is unit-tested without files. Unknown keys are kept on the item and reported
/// once as a warning, so callers may keep their own bookkeeping fields in the input.
public enum BatchInputParser {
    /// Classifies one input line (without its newline); `line` is its 1-based number.
    public static func parse(_ text: Substring, line: Int) -> BatchLine {
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.allSatisfy(\.isWhitespace) { return .blank }
        let value: JSONValue
        do {
            value = try JSONValue.parse(String(trimmed))
        } catch {
            return .malformed("not valid JSON: \(error.reason) at byte \(error.offset + 1)")
        }
        guard value.members != nil else { return .malformed("not a JSON object") }
        guard let rawID = value["id"], !rawID.isNull else { return .malformed("missing \"id\"") }
        guard let id = normalisedID(rawID) else {
            return .malformed("\"id\" must be a string or an integer")
        }
        if let raw = value["system"], !raw.isNull, raw.string == nil { return .malformed("\"system\" must be a string") }
        var messages: [ChatMessage]
        var system = value["system"]?.string
        if let prompt = value["prompt"], !prompt.isNull {
            guard let text = prompt.string, !text.isEmpty else { return .malformed("\"prompt\" must be a non-empty string") }
            messages = [ChatMessage(role: .user, content: text)]
        } else if let list = value["messages"], !list.isNull {
            switch BatchMessages.parse(list) {
            case .failure(let problem): return .malformed(problem.message)
            case .success(let parsed):
                messages = parsed.messages
                // Every provider takes the system prompt separately; a system message in the list
                // joins (after) the item's own "system".
                if !parsed.system.isEmpty {
                    system = ([system].compactMap { $0 } + parsed.system).joined(separator: "\n\n")
                }
            }
        } else {
            return .malformed("missing \"prompt\" or \"messages\"")
        }
        var model: String?
        if let raw = value["model"], !raw.isNull {
            // Only the shape is checked here: an unknown provider is that item's error line, not bad input.
            guard let text = raw.string, !text.isEmpty else {
                return .malformed("\"model\" must be a string such as openai:gpt-4o-mini")
            }
            model = text
        }
        var temperature: Double?
        if let raw = value["temperature"], !raw.isNull {
            guard let t = raw.double, (0...2).contains(t) else { return .malformed("\"temperature\" must be a number from 0 to 2") }
            temperature = t
        }
        var maxTokens: Int?
        if let raw = value["max_tokens"], !raw.isNull {
            guard let n = raw.int, n >= 1 else { return .malformed("\"max_tokens\" must be an integer of at least 1") }
            maxTokens = n
        }
        var item = BatchItem(id: id, messages: messages, model: model, system: system,
                             temperature: temperature, maxTokens: maxTokens, line: line)
        if let raw = value["tools"], !raw.isNull {
            switch BatchMessages.tools(raw) {
            case .failure(let problem): return .malformed(problem.message)
            case .success(let tools): item.tools = tools
            }
        }
        if let raw = value["reasoning"], !raw.isNull {
            guard let setting = (raw.string ?? raw.int.map(String.init)).flatMap(ReasoningSetting.init) else {
                return .malformed("\"reasoning\" must be off, low, medium, high or a token budget")
            }
            item.reasoning = setting
        }
        item.unknownKeys = (value.members ?? []).map(\.key).filter { !BatchMessages.knownKeys.contains($0) }
        return .item(item)
    }

    /// Strings as they are; integers in one spelling (`1.0` and `1` are the same id); nil otherwise.
    public static func normalisedID(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .string(let text): return text.isEmpty ? nil : value
        case .number: return value.int.map { .number(String($0)) }
        default: return nil
        }
    }

    /// The id as a short text for messages: `"a-1"` or `17`.
    public static func describe(_ id: JSONValue) -> String {
        switch id {
        case .string(let text): "\"\(text)\""
        default: id.scalarText ?? "?"
        }
    }
}
