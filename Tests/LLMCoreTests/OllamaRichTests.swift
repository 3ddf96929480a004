import Foundation
import HTTPMessage
@testable import LLMCore
import Testing

/// Ollama's `/api/chat` carrying thinking, tool calls and images: an NDJSON stream as Ollama writes it
/// decoded at every split, and the request as the official client sends it.
struct OllamaRichTests {
    static let stream = #"""
        {"model":"qwen3","created_at":"2025-08-01T10:00:00.1Z","message":{"role":"assistant","content":"","thinking":"Weighing ☀ "},"done":false}
        {"model":"qwen3","created_at":"2025-08-01T10:00:00.2Z","message":{"role":"assistant","content":"","thinking":"it."},"done":false}
        {"model":"qwen3","created_at":"2025-08-01T10:00:00.3Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris"}}},{"function":{"name":"get_time","arguments":{}}}]},"done":false}
        {"model":"qwen3","created_at":"2025-08-01T10:00:00.4Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","total_duration":1,"prompt_eval_count":26,"eval_count":40}

        """#

    static let expectedParts: [ContentPart] = [
        .reasoning(ReasoningBlock(text: "Weighing ☀ it.")),
        .toolCall(ToolCall(id: "ollama-call-0", name: "get_weather", arguments: #"{"city":"Paris"}"#)),
        .toolCall(ToolCall(id: "ollama-call-1", name: "get_time", arguments: "")),
    ]

    func assemble(_ chunks: [[UInt8]]) throws -> ReplyAssembler {
        var decoder = OllamaStreamDecoder()
        var reply = ReplyAssembler()
        for chunk in chunks { reply.apply(try decoder.decode(chunk)) }
        reply.apply(try decoder.finish())
        return reply
    }

    @Test func thinkingAndToolCallsSurviveAnySplit() throws {
        let bytes = Array(Self.stream.utf8)
        let whole = try assemble([bytes])
        #expect(whole.message.parts == Self.expectedParts)
        #expect(whole.usage == Usage(inputTokens: 26, outputTokens: 40, totalTokens: 66))
        for split in 1..<bytes.count {
            let got = try assemble([Array(bytes[..<split]), Array(bytes[split...])])
            #expect(got == whole, "split at \(split)")
        }
    }

    @Test func requestCarriesThinkToolsImagesAndToolMessages() throws {
        let webp: [UInt8] = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBP".utf8)
        let request = ChatRequest(
            model: ModelRef(provider: "ollama", model: "qwen3"),
            messages: [
                ChatMessage(role: .user, parts: [.image(ImageAttachment(mediaType: "image/webp", bytes: webp)), .text("weather?")]),
                ChatMessage(role: .assistant, parts: Self.expectedParts),
                ChatMessage(role: .tool, parts: [.toolResult(ToolResult(callID: "ollama-call-0", name: "get_weather", content: "18C")),
                                                 .toolResult(ToolResult(callID: "ollama-call-1", name: "get_time", content: "noon"))]),
            ],
            stream: true,
            tools: [ToolDefinition(name: "get_weather", description: "Weather", parameters: .object(["type": .string("object")]))],
            reasoning: .medium)
        let endpoint = Endpoint(name: "ollama", kind: .ollama, baseURL: "http://127.0.0.1:11434", credential: .none)
        let spec = try OllamaProvider().makeRequest(request, endpoint: endpoint, context: RequestContext())
        jsonEqual(spec.body, #"""
            {"model":"qwen3","messages":[
              {"role":"user","content":"weather?","images":["UklGRgAAAABXRUJQ"]},
              {"role":"assistant","content":"","thinking":"Weighing ☀ it.","tool_calls":[
                {"function":{"name":"get_weather","arguments":{"city":"Paris"}}},{"function":{"name":"get_time","arguments":{}}}]},
              {"role":"tool","content":"18C","tool_name":"get_weather"},
              {"role":"tool","content":"noon","tool_name":"get_time"}],
             "stream":true,
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather","parameters":{"type":"object"}}}],
             "think":true}
            """#)
        var oss = request
        oss.model = ModelRef(provider: "ollama", model: "gpt-oss:20b")
        #expect(try JSONValue.parse(OllamaProvider().makeRequest(oss, endpoint: endpoint, context: RequestContext()).body)["think"]?.string == "medium")
        oss.reasoning = .off
        #expect(try JSONValue.parse(OllamaProvider().makeRequest(oss, endpoint: endpoint, context: RequestContext()).body)["think"]?.bool == false)
    }
}
