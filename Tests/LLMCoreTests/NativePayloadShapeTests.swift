import Testing
@testable import LLMCore
import HTTPMessage

/// What counts as a malformed payload for the native providers: a field llmctl reads that has another
/// type makes the payload unreadable, as it did when Codable structs read them; null is absent.
@Suite struct NativePayloadShapeTests {
    static let anthropicEnd = "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"

    func anthropic(_ events: String) -> DecodedStream {
        StreamHarness.run(AnthropicStreamDecoder(), [Array(events.utf8)])
    }

    @Test func anthropicWrongTypesAreMalformedNullsAbsent() {
        let wrong = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":5}}\n\n"
        #expect(anthropic(wrong + Self.anthropicEnd).error?.category == .malformed)
        let usage = "event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":\"6\"}}\n\n"
        #expect(anthropic(usage + Self.anthropicEnd).error?.category == .malformed)
        let nulls = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":null}}\n\n"
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":null},\"usage\":{\"output_tokens\":6.0}}\n\n"
        #expect(anthropic(nulls + Self.anthropicEnd) == DecodedStream(events: [.usage(Usage(outputTokens: 6)), .end]))
        // Events llmctl does not act on may carry anything.
        let ping = "event: ping\ndata: {\"type\":5,\"usage\":[]}\n\n"
        #expect(anthropic(ping + Self.anthropicEnd) == DecodedStream(events: [.end]))
    }

    @Test func anthropicBodiesOfAnotherShape() {
        let provider = AnthropicProvider()
        #expect(throws: ProviderError.self) { try provider.decodeResponse(Array(#"{"content":"Hi"}"#.utf8)) }
        #expect(throws: ProviderError.self) { try provider.decodeResponse(Array("[]".utf8)) }
        // An error body of another shape is shown as it came.
        let endpoint = Endpoint(name: "anthropic", kind: .anthropic, baseURL: "https://api.anthropic.com")
        let error = provider.decodeError(status: 400, headers: [:], body: Array(#"{"error":"boom","request_id":"r1"}"#.utf8), endpoint: endpoint)
        #expect(error.message.contains(#"{"error":"boom","request_id":"r1"}"#))
        #expect(error.requestID == nil && error.providerCode == nil)
    }

    @Test func geminiWrongTypesAreMalformed() {
        for chunk in [#"{"candidates":{"content":{}}}"#, #"{"candidates":[{"content":{"parts":[{"text":"a","thought":"no"}]}}]}"#,
                      #"{"usageMetadata":{"totalTokenCount":1.5}}"#, #"{"candidates":[null]}"#] {
            let result = StreamHarness.run(GeminiStreamDecoder(), [Array("data: \(chunk)\n\n".utf8)])
            #expect(result.error?.category == .malformed, "\(chunk)")
        }
        let fine = #"data: {"candidates":[{"content":{"parts":[{"text":"a","thought":null}],"role":null},"finishReason":"STOP"}]}"#
        #expect(StreamHarness.run(GeminiStreamDecoder(), [Array("\(fine)\n\n".utf8)]).events == [.text("a"), .finish("STOP"), .end])
    }

    @Test func geminiErrorOfAnotherShapeIsShownAsItCame() {
        let endpoint = Endpoint(name: "gemini", kind: .gemini, baseURL: "https://generativelanguage.googleapis.com")
        let error = GeminiProvider().decodeError(status: 429, headers: [:], body: Array(#"{"error":{"code":"429","message":"slow"}}"#.utf8),
                                                 endpoint: endpoint)
        #expect(error.providerCode == nil)
        #expect(error.message.contains(#""code":"429""#))
    }

    @Test func bedrockWrongTypesAreMalformed() {
        let frames = bedrockEvent("contentBlockDelta", #"{"contentBlockIndex":0,"delta":{"text":1}}"#)
        #expect(StreamHarness.run(BedrockStreamDecoder(), [frames]).error?.category == .malformed)
        let reply = #"{"output":{"message":{"content":[{"text":1}]}},"stopReason":"end_turn"}"#
        #expect(throws: ProviderError.self) { try BedrockProvider().decodeResponse(Array(reply.utf8)) }
        let endpoint = Endpoint(name: "bedrock", kind: .bedrock, baseURL: "https://bedrock-runtime.us-east-1.amazonaws.com")
        let error = BedrockProvider().decodeError(status: 400, headers: [:], body: Array(#"{"message":5,"__type":"x#ValidationException"}"#.utf8),
                                                  endpoint: endpoint)
        #expect(error.providerCode == nil)
        #expect(error.message.contains(#"{"message":5"#))
    }

    @Test func ollamaWrongTypesAreMalformed() {
        for line in [#"{"message":{"content":"hi"},"done":"yes"}"#, #"{"message":{"content":"hi"},"done":true,"eval_count":1.5}"#,
                     #"{"message":"hi","done":true}"#, #"{"error":{"message":"x"}}"#] {
            let result = StreamHarness.run(OllamaStreamDecoder(), [Array("\(line)\n".utf8)])
            #expect(result.error?.category == .malformed, "\(line)")
        }
        let fine = #"{"message":{"role":"assistant","content":"Hi","images":null},"done":true,"eval_count":2.0,"prompt_eval_count":null}"#
        #expect(StreamHarness.run(OllamaStreamDecoder(), [Array("\(fine)\n".utf8)]).events
                == [.text("Hi"), .usage(Usage(outputTokens: 2)), .finish("stop"), .end])
    }
}
