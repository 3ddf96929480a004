import Foundation
import HTTPMessage
import LLMCore
import Testing

/// Chat Completions carrying tools, images and reasoning: the request as the official SDK sends it, and
/// reasoning and parallel tool calls decoded from a stream split at every byte boundary.
struct OpenAIRichTests {
    static let stream = """
        data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"Think"}}]}

        data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"reasoning_content":"ing."}}]}

        data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":""}}]}}]}

        data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"ci"}}]}}]}

        data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"get_time","arguments":"{}"}}]}}]}

        data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ty\\":\\"Paris\\"}"}}]}}]}

        data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

        data: {"id":"c","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":120,"completion_tokens":40,"total_tokens":160,"prompt_tokens_details":{"cached_tokens":100},"completion_tokens_details":{"reasoning_tokens":25}}}

        data: [DONE]


        """

    func assemble(_ chunks: [[UInt8]]) throws -> ReplyAssembler {
        var decoder = OpenAIStreamDecoder()
        var reply = ReplyAssembler()
        for chunk in chunks { reply.apply(try decoder.decode(chunk)) }
        reply.apply(try decoder.finish())
        return reply
    }

    @Test func reasoningAndParallelToolCallsSurviveAnySplit() throws {
        let bytes = Array(Self.stream.utf8)
        let whole = try assemble([bytes])
        #expect(whole.message.parts == [
            .reasoning(ReasoningBlock(text: "Thinking.")),
            .toolCall(ToolCall(id: "call_a", name: "get_weather", arguments: #"{"city":"Paris"}"#)),
            .toolCall(ToolCall(id: "call_b", name: "get_time", arguments: "{}")),
        ])
        #expect(whole.finishReason == "tool_calls")
        #expect(whole.usage == Usage(inputTokens: 120, outputTokens: 40, totalTokens: 160, cachedInputTokens: 100, reasoningTokens: 25))
        for split in 1..<bytes.count {
            let got = try assemble([Array(bytes[..<split]), Array(bytes[split...])])
            #expect(got == whole, "split at \(split)")
        }
    }

    @Test func requestCarriesToolsImagesToolTurnsAndEffort() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47]
        let request = ChatRequest(
            model: ModelRef(provider: "openai", model: "gpt-4o"),
            messages: [
                ChatMessage(role: .user, parts: [.image(ImageAttachment(mediaType: "image/png", bytes: png)), .text("weather?")]),
                ChatMessage(role: .assistant, parts: [.reasoning(ReasoningBlock(text: "hmm")),
                                                      .toolCall(ToolCall(id: "call_a", name: "get_weather", arguments: #"{"city":"Paris"}"#))]),
                ChatMessage(role: .tool, parts: [.toolResult(ToolResult(callID: "call_a", name: "get_weather", content: "18C"))]),
            ],
            stream: false,
            tools: [ToolDefinition(name: "get_weather", description: "Weather", parameters: .object(["type": .string("object")]))],
            reasoning: .high)
        let endpoint = Endpoint(name: "openai", kind: .openAI, baseURL: "https://api.openai.com/v1", credential: .apiKey(Secret("sk-x"), source: "OPENAI_API_KEY"))
        let spec = try OpenAIProvider().makeRequest(request, endpoint: endpoint, context: RequestContext())
        let body = try JSONValue.parse(spec.body)
        let messages = try #require(body["messages"]?.array)
        #expect(messages[0]["content"]?[0]?["image_url"]?["url"]?.string == "data:image/png;base64,iVBORw==")
        #expect(messages[0]["content"]?[1]?["text"]?.string == "weather?")
        #expect(messages[1]["content"] == .null)
        #expect(messages[1]["tool_calls"]?[0]?["function"]?["arguments"]?.string == #"{"city":"Paris"}"#)
        #expect(messages[1]["tool_calls"]?[0]?["type"]?.string == "function")
        #expect(messages[2]["role"]?.string == "tool" && messages[2]["tool_call_id"]?.string == "call_a" && messages[2]["content"]?.string == "18C")
        #expect(body["tools"]?[0]?["function"]?["name"]?.string == "get_weather")
        #expect(body["reasoning_effort"]?.string == "high")
        // Text-only messages keep a plain string, as every compatible server expects.
        let plain = try OpenAIProvider().makeRequest(ChatRequest(model: request.model, messages: [ChatMessage(role: .user, content: "hi")]),
                                                     endpoint: endpoint, context: RequestContext())
        #expect(try JSONValue.parse(plain.body)["messages"]?[0]?["content"]?.string == "hi")
        #expect(try JSONValue.parse(plain.body)["tools"] == nil)
    }
}
