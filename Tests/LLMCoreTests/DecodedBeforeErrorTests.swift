import Testing
@testable import LLMCore

/// Every provider's decoder hands over everything it decoded before an error, whatever the chunking:
/// two good text deltas and then a malformed event, in one read or split at any byte, always give the
/// two deltas and then the error (Bedrock used to drop deltas decoded in the same read as a bad event).
@Suite struct DecodedBeforeErrorTests {
    static func check(_ provider: any ChatProvider, _ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let result = StreamHarness.decodeAtEverySplit({ provider.makeStreamDecoder() }, bytes, sourceLocation: sourceLocation)
        let texts = result.events.compactMap { event -> String? in if case .text(let t) = event { t } else { nil } }
        #expect(texts == ["Hel", "lo"], sourceLocation: sourceLocation)
        #expect(result.error != nil, sourceLocation: sourceLocation)
    }

    @Test func openAIAndAzure() {
        let sse = #"data: {"choices":[{"index":0,"delta":{"content":"Hel"}}]}"# + "\n\n"
            + #"data: {"choices":[{"index":0,"delta":{"content":"lo"}}]}"# + "\n\n" + "data: {not json\n\n"
        Self.check(OpenAIProvider(kind: .openAI), Array(sse.utf8))
        Self.check(OpenAIProvider(kind: .azureOpenAI), Array(sse.utf8))
    }

    @Test func anthropic() {
        func delta(_ text: String) -> String {
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"\(text)\"}}\n\n"
        }
        let sse = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n"
            + delta("Hel") + delta("lo") + "event: content_block_delta\ndata: {bad\n\n"
        Self.check(AnthropicProvider(), Array(sse.utf8))
    }

    @Test func gemini() {
        func chunk(_ text: String) -> String { "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\(text)\"}],\"role\":\"model\"}}]}\n\n" }
        Self.check(GeminiProvider(), Array((chunk("Hel") + chunk("lo") + "data: {bad\n\n").utf8))
    }

    @Test func ollama() {
        func line(_ text: String) -> String { "{\"message\":{\"role\":\"assistant\",\"content\":\"\(text)\"},\"done\":false}\n" }
        Self.check(OllamaProvider(), Array((line("Hel") + line("lo") + "{bad\n").utf8))
    }

    @Test func bedrock() {
        let bytes = bedrockEvent("contentBlockDelta", #"{"contentBlockIndex":0,"delta":{"text":"Hel"}}"#)
            + bedrockEvent("contentBlockDelta", #"{"contentBlockIndex":0,"delta":{"text":"lo"}}"#)
            + bedrockEvent("contentBlockDelta", "{bad")
        Self.check(BedrockProvider(), bytes)
    }
}
