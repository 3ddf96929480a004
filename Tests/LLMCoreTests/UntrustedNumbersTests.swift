import HTTPMessage
import Foundation
import Testing
@testable import LLMCore

/// Numbers from the network never trap: token counts saturate, retry delays are clamped or dropped.
@Suite struct UntrustedNumbersTests {
    @Test func tokenSumsSaturate() {
        #expect(Int.max.adding(saturating: 5) == .max)
        #expect(Int.min.adding(saturating: -5) == .min)
        #expect(3.adding(saturating: 4) == 7)
        // The provider paths that add counts: Anthropic cache, Gemini thoughts, Bedrock cache, Ollama total.
        let anthropic = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"usage\":{\"input_tokens\":\(Int.max),\"cache_read_input_tokens\":10,\"output_tokens\":1}}}\n\n"
        #expect(StreamHarness.run(AnthropicProvider().makeStreamDecoder(), [Array(anthropic.utf8)]).events.contains {
            if case .usage(let u) = $0 { u.inputTokens == .max } else { false } })
        let gemini = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}]},\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":1,\"candidatesTokenCount\":\(Int.max),\"thoughtsTokenCount\":7}}\n\n"
        _ = StreamHarness.run(GeminiProvider().makeStreamDecoder(), [Array(gemini.utf8)])
        let ollama = "{\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":\(Int.max),\"eval_count\":9}\n"
        _ = StreamHarness.run(OllamaProvider().makeStreamDecoder(), [Array(ollama.utf8)])
        let bedrock = bedrockEvent("metadata", #"{"usage":{"inputTokens":\#(Int.max),"outputTokens":1,"cacheReadInputTokens":5}}"#)
        _ = StreamHarness.run(BedrockProvider().makeStreamDecoder(), [bedrock])
    }

    @Test func retryDelaysAreClampedOrDropped() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RetryAfter.seconds(from: ["retry-after": "99999999999999999999"], now: now).map { ProviderError.clamped($0) } == ProviderError.maxRetryAfter)
        #expect(RetryAfter.seconds(from: ["retry-after": "Sun, 06 Nov 99999999999999999 08:49:37 GMT"], now: now) == nil)
        var error = ProviderError(category: .rateLimited, status: 429, message: "x", retryAfter: .infinity)
        #expect(error.retryAfter == nil)
        error.retryAfter = 1e300
        #expect(error.retryAfter == ProviderError.maxRetryAfter)
        let bedrock = BedrockProvider().decodeError(status: 429, headers: ["x-amz-retry-after": "1e309"], body: [],
                                                    endpoint: BedrockProvider().builtInEndpoint)
        #expect(bedrock.retryAfter == nil)
        let gemini = GeminiProvider().decodeError(status: 429, headers: [:],
            body: Array(#"{"error":{"code":429,"message":"slow down","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1e300s"}]}}"#.utf8),
            endpoint: GeminiProvider().builtInEndpoint)
        #expect(gemini.retryAfter == ProviderError.maxRetryAfter)
        #expect(gemini.message.contains("slow down"))
        // And the policy handles the clamped wait without trapping: too long to honour.
        var state = RetryState(policy: RetryPolicy())
        #expect(state.next(after: AttemptFailure(.provider(gemini)), random: 0.5, timeLeft: nil)
                == .fail(.retryAfterTooLong(requested: .seconds(ProviderError.maxRetryAfter), budget: RetryPolicy().maxTotalWait)))
    }
}
