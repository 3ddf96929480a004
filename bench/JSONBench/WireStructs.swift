// The Codable structs JSONDecoder decodes into: the fields the stream decoders read, shaped as the
// native providers' Codable wire structs were before they moved to `JSONValue`.

struct OpenAIChunk: Decodable {
    struct Choice: Decodable {
        struct Delta: Decodable { var content: String? }
        var index: Int?
        var delta: Delta?
        var finishReason: String?
        enum CodingKeys: String, CodingKey { case index, delta, finishReason = "finish_reason" }
    }
    struct Usage: Decodable {
        var promptTokens: Int?
        var completionTokens: Int?
        var totalTokens: Int?
        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens", completionTokens = "completion_tokens", totalTokens = "total_tokens"
        }
    }
    struct ErrorBody: Decodable { var message: String? }
    var choices: [Choice]?
    var usage: Usage?
    var error: ErrorBody?
}

struct AnthropicReply: Decodable {
    struct Delta: Decodable {
        var type: String?
        var text: String?
        var stopReason: String?
        enum CodingKeys: String, CodingKey { case type, text, stopReason = "stop_reason" }
    }
    struct Usage: Decodable {
        var inputTokens: Int?
        var outputTokens: Int?
        enum CodingKeys: String, CodingKey { case inputTokens = "input_tokens", outputTokens = "output_tokens" }
    }
    var type: String?
    var delta: Delta?
    var usage: Usage?
}

struct GeminiChunk: Decodable {
    struct Part: Decodable {
        var text: String?
        var thought: Bool?
    }
    struct Content: Decodable { var parts: [Part]? }
    struct Candidate: Decodable {
        var content: Content?
        var finishReason: String?
    }
    struct UsageMetadata: Decodable {
        var promptTokenCount: Int?
        var candidatesTokenCount: Int?
        var totalTokenCount: Int?
    }
    var candidates: [Candidate]?
    var usageMetadata: UsageMetadata?
}

struct BedrockPayload: Decodable {
    struct Delta: Decodable { var text: String? }
    var delta: Delta?
    var stopReason: String?
}

struct OllamaLine: Decodable {
    struct Message: Decodable { var content: String? }
    var message: Message?
    var done: Bool?
    var error: String?
}
