import HTTPMessage
import Testing
@testable import LLMCore

/// One classification and one retry rule for all six providers: the same HTTP status is the same class,
/// and a transient error inside a stream, before any text, is retried whatever the provider.
@Suite struct ErrorClassConsistencyTests {
    static let providers: [any ChatProvider] = [OpenAIProvider(kind: .openAI), OpenAIProvider(kind: .azureOpenAI),
                                                AnthropicProvider(), GeminiProvider(), BedrockProvider(), OllamaProvider()]

    static func error(_ provider: any ChatProvider, _ status: Int) -> ProviderError {
        provider.decodeError(status: status, headers: [:], body: Array(#"{"error":{"message":"x"}}"#.utf8),
                             endpoint: provider.builtInEndpoint)
    }

    @Test func sameStatusSameClass() {
        for provider in Self.providers {
            let name = provider.kind.rawValue
            #expect(Self.error(provider, 503).category == .overloaded, "\(name) 503")
            #expect(Self.error(provider, 429).category == .rateLimited, "\(name) 429")
            #expect(Self.error(provider, 500).category == .server, "\(name) 500")
            #expect(Self.error(provider, 404).category == .notFound, "\(name) 404")
            #expect([.permission, .auth].contains(Self.error(provider, 403).category), "\(name) 403")
            #expect(RetryPolicy.isRetryable(Self.error(provider, 503)), "\(name) 503 is retried")
        }
    }

    /// Errors that arrive inside a 200 stream, before the first token: transient ones are retried for
    /// every provider (they were for OpenAI only: the native decoders keep status 200).
    @Test func transientStreamErrorsAreRetriedEverywhere() {
        let anthropic = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"
        let gemini = "data: {\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}\n\n"
        let openAI = "data: {\"error\":{\"message\":\"busy\",\"type\":\"server_error\"}}\n\n"
        let streams: [(any ChatProvider, [UInt8])] = [
            (AnthropicProvider(), Array(anthropic.utf8)), (GeminiProvider(), Array(gemini.utf8)),
            (OpenAIProvider(kind: .openAI), Array(openAI.utf8)),
            (BedrockProvider(), bedrockException("throttlingException", #"{"message":"Too many requests"}"#)),
        ]
        for (provider, bytes) in streams {
            let result = StreamHarness.run(provider.makeStreamDecoder(), [bytes])
            #expect(result.error.map(RetryPolicy.isRetryable) == true, "\(provider.kind): \(String(describing: result.error))")
        }
    }
}

/// Hints fit the error: a context-length rejection says to shorten the input, not to check the
/// temperature; Anthropic's "credit balance is too low" says so; Ollama's 401/403/429 get hints too.
@Suite struct ErrorHintTests {
    static func error(_ provider: any ChatProvider, _ status: Int, _ body: String, headers: HTTPHeaders = [:]) -> ProviderError {
        provider.decodeError(status: status, headers: headers, body: Array(body.utf8), endpoint: provider.builtInEndpoint)
    }

    @Test func contextLengthSaysShortenTheInput() {
        let cases: [(any ChatProvider, String, HTTPHeaders)] = [
            (OpenAIProvider(kind: .openAI), #"{"error":{"message":"This model's maximum context length is 128000 tokens.","type":"invalid_request_error","code":"context_length_exceeded"}}"#, [:]),
            (AnthropicProvider(), #"{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}"#, [:]),
            (GeminiProvider(), #"{"error":{"code":400,"message":"The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}}"#, [:]),
            (BedrockProvider(), #"{"message":"Input is too long for requested model."}"#, ["x-amzn-ErrorType": "ValidationException"]),
            (OllamaProvider(), #"{"error":"the input length exceeds the context length"}"#, [:]),
        ]
        for (provider, body, headers) in cases {
            let message = Self.error(provider, 400, body, headers: headers).message
            #expect(message.contains("shorten the input, or /clear"), "\(provider.kind): \(message)")
            #expect(!message.contains("temperature"), "\(provider.kind): \(message)")
        }
    }

    @Test func creditBalanceSaysSo() {
        let body = #"{"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."}}"#
        let error = Self.error(AnthropicProvider(), 400, body)
        #expect(error.message.contains("credit balance is too low; add credits"), "\(error.message)")
        #expect(!RetryPolicy.isRetryable(error))
    }

    @Test func ollamaAuthAndRateLimitHaveHints() {
        #expect(Self.error(OllamaProvider(), 401, #"{"error":"unauthorized"}"#).message.contains("OLLAMA_HOST"))
        #expect(Self.error(OllamaProvider(), 403, #"{"error":"forbidden"}"#).category == .permission)
        let limited = Self.error(OllamaProvider(), 429, #"{"error":"too many requests"}"#, headers: ["retry-after": "3"])
        #expect(limited.category == .rateLimited)
        #expect(limited.message.contains("wait 3s and retry"), "\(limited.message)")
    }
}
