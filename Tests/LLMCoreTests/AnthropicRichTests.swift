import Foundation
import HTTPMessage
@testable import LLMCore
import Testing

/// Anthropic Messages carrying thinking, tool use, images and cache usage: a stream in the API's shape
/// (the extended-thinking and tool-use streaming examples of Anthropic's docs) decoded at every split,
/// and the request body as the official SDK sends it.
struct AnthropicRichTests {
    static let stream = #"""
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":10,"cache_creation_input_tokens":20,"cache_read_input_tokens":100,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me check the "}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"weather ☀."}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3h"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: content_block_start
        data: {"type":"content_block_start","index":1,"content_block":{"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":1}

        event: content_block_start
        data: {"type":"content_block_start","index":2,"content_block":{"type":"text","text":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":2,"delta":{"type":"text_delta","text":"Okay, checking."}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":2}

        event: content_block_start
        data: {"type":"content_block_start","index":3,"content_block":{"type":"tool_use","id":"toolu_01T1x1","name":"get_weather","input":{}}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":"{\"location\":"}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":" \"San Francisco, CA\"}"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":3}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}

        event: message_stop
        data: {"type":"message_stop"}


        """#

    static let expectedParts: [ContentPart] = [
        .reasoning(ReasoningBlock(text: "Let me check the weather ☀.", signature: "EqQBCgIYAhIM1gbcDa9GJwZA2b3h")),
        .reasoning(ReasoningBlock(redacted: "EmwKAhgBEgy3va3pzix")),
        .text("Okay, checking."),
        .toolCall(ToolCall(id: "toolu_01T1x1", name: "get_weather", arguments: #"{"location": "San Francisco, CA"}"#)),
    ]

    func assemble(_ chunks: [[UInt8]]) throws -> ReplyAssembler {
        var decoder = AnthropicStreamDecoder()
        var reply = ReplyAssembler()
        for chunk in chunks { reply.apply(try decoder.decode(chunk)) }
        reply.apply(try decoder.finish())
        return reply
    }

    @Test func thinkingToolUseAndCacheUsageSurviveAnySplit() throws {
        let bytes = Array(Self.stream.utf8)
        let whole = try assemble([bytes])
        #expect(whole.message.parts == Self.expectedParts)
        #expect(whole.finishReason == "tool_use")
        // The SDK reports input_tokens 10; llmctl's input counts the cached prompt too (10 + 20 + 100).
        #expect(whole.usage == Usage(inputTokens: 130, outputTokens: 89, totalTokens: 219, cachedInputTokens: 100, cacheWriteTokens: 20))
        for split in 1..<bytes.count {
            let got = try assemble([Array(bytes[..<split]), Array(bytes[split...])])
            #expect(got == whole, "split at \(split)")
        }
    }

    @Test func aWholeReplyCarriesTheSameParts() throws {
        let body = #"""
            {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[
             {"type":"thinking","thinking":"Let me check the weather ☀.","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3h"},
             {"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix"},
             {"type":"text","text":"Okay, checking."},
             {"type":"tool_use","id":"toolu_01T1x1","name":"get_weather","input":{"location": "San Francisco, CA"}}],
             "stop_reason":"tool_use","stop_sequence":null,
             "usage":{"input_tokens":10,"cache_creation_input_tokens":20,"cache_read_input_tokens":100,"output_tokens":89}}
            """#
        var reply = ReplyAssembler()
        reply.apply(try AnthropicProvider().decodeResponse(Array(body.utf8)))
        var expected = Self.expectedParts
        expected[3] = .toolCall(ToolCall(id: "toolu_01T1x1", name: "get_weather", arguments: #"{"location":"San Francisco, CA"}"#))
        #expect(reply.message.parts == expected)
        #expect(reply.usage?.cachedInputTokens == 100)
        #expect(reply.usage?.inputTokens == 130)
    }

    static let endpoint = Endpoint(name: "anthropic", kind: .anthropic, baseURL: "https://api.anthropic.com",
                                   credential: .apiKey(Secret("sk-ant-secret"), source: "ANTHROPIC_API_KEY"))

    @Test func requestCarriesThinkingToolsImagesAndToolTurns() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47]
        let request = ChatRequest(
            model: ModelRef(provider: "anthropic", model: "claude-sonnet-4-5"),
            messages: [
                ChatMessage(role: .user, parts: [.image(ImageAttachment(mediaType: "image/png", bytes: png)), .text("weather?")]),
                ChatMessage(role: .assistant, parts: Self.expectedParts),
                ChatMessage(role: .tool, parts: [.toolResult(ToolResult(callID: "toolu_01T1x1", name: "get_weather", content: "18C")),
                                                 .toolResult(ToolResult(callID: "toolu_02", name: "get_time", content: "no clock", isError: true))]),
            ],
            stream: true,
            tools: [ToolDefinition(name: "get_weather", description: "Weather", parameters: .object(["type": .string("object")]))],
            reasoning: .medium)
        let spec = try AnthropicProvider().makeRequest(request, endpoint: Self.endpoint, context: RequestContext())
        jsonEqual(spec.body, #"""
            {"model":"claude-sonnet-4-5","max_tokens":8192,
             "messages":[
              {"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw=="}},{"type":"text","text":"weather?"}]},
              {"role":"assistant","content":[
                {"type":"thinking","thinking":"Let me check the weather ☀.","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3h"},
                {"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix"},
                {"type":"text","text":"Okay, checking."},
                {"type":"tool_use","id":"toolu_01T1x1","name":"get_weather","input":{"location":"San Francisco, CA"}}]},
              {"role":"user","content":[
                {"type":"tool_result","tool_use_id":"toolu_01T1x1","content":"18C"},
                {"type":"tool_result","tool_use_id":"toolu_02","content":"no clock","is_error":true}]}],
             "stream":true,
             "tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object"}}],
             "thinking":{"type":"enabled","budget_tokens":4096}}
            """#)
    }

    @Test func thinkingBudgetsTheAPIRefusesFailBeforeSending() throws {
        func request(_ reasoning: ReasoningSetting, maxTokens: Int? = nil) -> ChatRequest {
            ChatRequest(model: ModelRef(provider: "anthropic", model: "claude-sonnet-4-5"),
                        messages: [ChatMessage(role: .user, content: "hi")],
                        options: SamplingOptions(maxTokens: maxTokens), reasoning: reasoning)
        }
        #expect { try AnthropicProvider().makeRequest(request(.budget(500)), endpoint: Self.endpoint, context: RequestContext()) } throws: {
            "\($0)".contains("at least 1024")
        }
        #expect { try AnthropicProvider().makeRequest(request(.low, maxTokens: 1000), endpoint: Self.endpoint, context: RequestContext()) } throws: {
            "\($0)".contains("--max-tokens above the reasoning budget")
        }
        let off = try AnthropicProvider().makeRequest(request(.off), endpoint: Self.endpoint, context: RequestContext())
        #expect(try JSONValue.parse(off.body)["thinking"] == nil)
        let explicit = try AnthropicProvider().makeRequest(request(.low, maxTokens: 3000), endpoint: Self.endpoint, context: RequestContext())
        #expect(try JSONValue.parse(explicit.body)["max_tokens"]?.int == 3000)
    }
}
