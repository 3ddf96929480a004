/// Gemini's JSON shapes (camelCase on the wire).
enum GeminiWire {
    struct Part: Codable {
        var text: String?
        var thought: Bool?
    }

    struct Content: Codable {
        var role: String?
        var parts: [Part]?
    }

    struct GenerationConfig: Encodable, Equatable {
        var temperature: Double?
        var maxOutputTokens: Int?
        var stopSequences: [String]?
    }

    struct Body: Encodable {
        var contents: [Content]
        var systemInstruction: Content?
        var generationConfig: GenerationConfig?

        init(_ request: ChatRequest) {
            contents = NativeWire.turns(request).map {
                Content(role: $0.role == .assistant ? "model" : "user", parts: [Part(text: $0.content)])
            }
            systemInstruction = NativeWire.systemPrompt(request).map { Content(parts: [Part(text: $0)]) }
            let config = GenerationConfig(temperature: request.options.temperature,
                                          maxOutputTokens: request.options.maxTokens, stopSequences: request.options.stop)
            generationConfig = config == GenerationConfig() ? nil : config
        }
    }

    struct Candidate: Decodable {
        var content: Content?
        var finishReason: String?
    }

    struct UsageMetadata: Decodable {
        var promptTokenCount: Int?
        var candidatesTokenCount: Int?
        var thoughtsTokenCount: Int?
        var totalTokenCount: Int?

        /// Thinking tokens are billed as output, so they count as output here.
        var usage: Usage {
            let output = candidatesTokenCount.map { $0 + (thoughtsTokenCount ?? 0) } ?? thoughtsTokenCount
            return Usage(inputTokens: promptTokenCount, outputTokens: output, totalTokens: totalTokenCount)
        }
    }

    struct PromptFeedback: Decodable {
        var blockReason: String?
        var blockReasonMessage: String?
    }

    struct ErrorDetail: Decodable {
        var type: String?
        var reason: String?
        var retryDelay: String?
        enum CodingKeys: String, CodingKey { case type = "@type", reason, retryDelay }
    }

    struct ErrorBody: Decodable {
        var code: Int?
        var message: String?
        var status: String?
        var details: [ErrorDetail]?

        /// `API_KEY_INVALID` and the like, from the `ErrorInfo` detail.
        var reason: String? { details?.lazy.compactMap(\.reason).first }

        /// `RetryInfo.retryDelay` (`"7s"`, `"1.5s"`) in seconds.
        var retryDelay: Double? {
            guard var text = details?.lazy.compactMap(\.retryDelay).first else { return nil }
            if text.hasSuffix("s") { text.removeLast() }
            return Double(text).flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
        }
    }

    struct Chunk: Decodable {
        var candidates: [Candidate]?
        var usageMetadata: UsageMetadata?
        var promptFeedback: PromptFeedback?
        var error: ErrorBody?
    }

    /// An error reply: `{"error":{…}}`, or that object inside a one-element array (JSON-array mode).
    struct ErrorEnvelope: Decodable {
        var error: ErrorBody?

        static func parse(_ body: [UInt8]) -> ErrorBody? {
            NativeWire.decode(ErrorEnvelope.self, from: body)?.error
                ?? NativeWire.decode([ErrorEnvelope].self, from: body)?.first?.error
        }
    }
}
