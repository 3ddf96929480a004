import Foundation
import HTTPMessage
@testable import LLMCore
import Testing

/// Gemini carrying thoughts, function calls with thought signatures, inline images and the usage
/// breakdown: a stream in the API's shape decoded at every split, and the request as the SDK sends it.
struct GeminiRichTests {
    static let stream = #"""
        data: {"candidates":[{"content":{"parts":[{"text":"Weighing ☀ options.","thought":true}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":110,"cachedContentTokenCount":100,"totalTokenCount":110},"modelVersion":"gemini-2.5-flash","responseId":"r1"}

        data: {"candidates":[{"content":{"parts":[{"text":"Checking."}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":110,"cachedContentTokenCount":100,"totalTokenCount":110},"modelVersion":"gemini-2.5-flash","responseId":"r1"}

        data: {"candidates":[{"content":{"parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"CiQBVKhc7sig"},{"functionCall":{"id":"fc_2","name":"get_time","args":{}}}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":110,"cachedContentTokenCount":100,"candidatesTokenCount":20,"thoughtsTokenCount":30,"totalTokenCount":160},"modelVersion":"gemini-2.5-flash","responseId":"r1"}


        """#

    static let expectedParts: [ContentPart] = [
        .reasoning(ReasoningBlock(text: "Weighing ☀ options.")),
        .text("Checking."),
        .toolCall(ToolCall(id: "gemini-call-0", name: "get_weather", arguments: #"{"city":"Paris"}"#, signature: "CiQBVKhc7sig")),
        .toolCall(ToolCall(id: "fc_2", name: "get_time", arguments: "")),
    ]

    func assemble(_ chunks: [[UInt8]]) throws -> ReplyAssembler {
        var decoder = GeminiStreamDecoder()
        var reply = ReplyAssembler()
        for chunk in chunks { reply.apply(try decoder.decode(chunk)) }
        reply.apply(try decoder.finish())
        return reply
    }

    @Test func thoughtsCallsSignaturesAndUsageSurviveAnySplit() throws {
        let bytes = Array(Self.stream.utf8)
        let whole = try assemble([bytes])
        #expect(whole.message.parts == Self.expectedParts)
        #expect(whole.finishReason == "STOP")
        // The SDK reports candidates 20 and thoughts 30; llmctl's output counts both.
        #expect(whole.usage == Usage(inputTokens: 110, outputTokens: 50, totalTokens: 160, cachedInputTokens: 100, reasoningTokens: 30))
        for split in 1..<bytes.count {
            let got = try assemble([Array(bytes[..<split]), Array(bytes[split...])])
            #expect(got == whole, "split at \(split)")
        }
    }

    @Test func requestCarriesThinkingToolsImagesAndFunctionTurns() throws {
        let gif: [UInt8] = Array("GIF89a".utf8)
        let request = ChatRequest(
            model: ModelRef(provider: "gemini", model: "gemini-2.5-flash"),
            messages: [
                ChatMessage(role: .user, parts: [.text("weather?"), .image(ImageAttachment(mediaType: "image/gif", bytes: gif))]),
                ChatMessage(role: .assistant, parts: Self.expectedParts),
                ChatMessage(role: .tool, parts: [.toolResult(ToolResult(callID: "gemini-call-0", name: "get_weather", content: "18C")),
                                                 .toolResult(ToolResult(callID: "fc_2", name: "get_time", content: "no clock", isError: true))]),
            ],
            stream: true,
            tools: [ToolDefinition(name: "get_weather", description: "Weather", parameters: .object(["type": .string("object")]))],
            reasoning: .high)
        let endpoint = Endpoint(name: "gemini", kind: .gemini, baseURL: "https://generativelanguage.googleapis.com",
                                credential: .apiKey(Secret("gem-key"), source: "GEMINI_API_KEY"))
        let spec = try GeminiProvider().makeRequest(request, endpoint: endpoint, context: RequestContext())
        jsonEqual(spec.body, #"""
            {"contents":[
              {"role":"user","parts":[{"text":"weather?"},{"inlineData":{"mimeType":"image/gif","data":"R0lGODlh"}}]},
              {"role":"model","parts":[
                {"text":"Weighing ☀ options.","thought":true},
                {"text":"Checking."},
                {"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"CiQBVKhc7sig"},
                {"functionCall":{"name":"get_time","args":{}}}]},
              {"role":"user","parts":[
                {"functionResponse":{"name":"get_weather","response":{"output":"18C"}}},
                {"functionResponse":{"name":"get_time","response":{"error":"no clock"}}}]}],
             "tools":[{"functionDeclarations":[{"name":"get_weather","description":"Weather","parametersJsonSchema":{"type":"object"}}]}],
             "generationConfig":{"thinkingConfig":{"thinkingBudget":16384,"includeThoughts":true}}}
            """#)
        let off = ChatRequest(model: request.model, messages: [ChatMessage(role: .user, content: "hi")], reasoning: .off)
        let offBody = try JSONValue.parse(try GeminiProvider().makeRequest(off, endpoint: endpoint, context: RequestContext()).body)
        #expect(offBody["generationConfig"]?["thinkingConfig"]?["thinkingBudget"]?.int == 0)
    }
}
