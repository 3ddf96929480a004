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
