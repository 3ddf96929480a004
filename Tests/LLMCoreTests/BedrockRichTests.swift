import Foundation
import HTTPMessage
@testable import LLMCore
import Testing

/// Converse carrying reasoning (with its signature), tool use, images and cache usage: a ConverseStream
/// in its binary event-stream framing decoded at every split, and the request as botocore sends it.
struct BedrockRichTests {
    static var stream: [UInt8] {
        bedrockEvent("messageStart", #"{"p":"a","role":"assistant"}"#)
            + bedrockEvent("contentBlockDelta", #"{"contentBlockIndex":0,"delta":{"reasoningContent":{"text":"Checking ☀ "}},"p":"ab"}"#)
            + bedrockEvent("contentBlockDelta", #"{"contentBlockIndex":0,"delta":{"reasoningContent":{"text":"first."}},"p":"ab"}"#)
            + bedrockEvent("contentBlockDelta", #"{"contentBlockIndex":0,"delta":{"reasoningContent":{"signature":"ErcBCkgIBRABGAIi"}},"p":"ab"}"#)
            + bedrockEvent("contentBlockStop", #"{"contentBlockIndex":0,"p":"abc"}"#)
            + bedrockEvent("contentBlockDelta", #"{"contentBlockIndex":1,"delta":{"text":"Let me look."},"p":"ab"}"#)
            + bedrockEvent("contentBlockStop", #"{"contentBlockIndex":1,"p":"abc"}"#)
            + bedrockEvent("contentBlockStart", #"{"contentBlockIndex":2,"start":{"toolUse":{"toolUseId":"tooluse_abc","name":"get_weather"}},"p":"abcd"}"#)
            + bedrockEvent("contentBlockDelta", #"{"contentBlockIndex":2,"delta":{"toolUse":{"input":"{\"city\":"}},"p":"ab"}"#)
            + bedrockEvent("contentBlockDelta", #"{"contentBlockIndex":2,"delta":{"toolUse":{"input":"\"Paris\"}"}},"p":"ab"}"#)
            + bedrockEvent("contentBlockStop", #"{"contentBlockIndex":2,"p":"abc"}"#)
            + bedrockEvent("messageStop", #"{"p":"ab","stopReason":"tool_use"}"#)
            + bedrockEvent("metadata", #"{"metrics":{"latencyMs":12},"p":"abc","usage":{"inputTokens":10,"outputTokens":40,"totalTokens":170,"cacheReadInputTokens":100,"cacheWriteInputTokens":20}}"#)
    }

    static let expectedParts: [ContentPart] = [
        .reasoning(ReasoningBlock(text: "Checking ☀ first.", signature: "ErcBCkgIBRABGAIi")),
        .text("Let me look."),
        .toolCall(ToolCall(id: "tooluse_abc", name: "get_weather", arguments: #"{"city":"Paris"}"#)),
    ]

    func assemble(_ chunks: [[UInt8]]) throws -> ReplyAssembler {
        var decoder = BedrockStreamDecoder()
        var reply = ReplyAssembler()
        for chunk in chunks { reply.apply(try decoder.decode(chunk)) }
        reply.apply(try decoder.finish())
        return reply
    }

    @Test func reasoningToolUseAndCacheUsageSurviveAnySplit() throws {
        let bytes = Self.stream
        let whole = try assemble([bytes])
        #expect(whole.message.parts == Self.expectedParts)
        #expect(whole.finishReason == "tool_use")
        // boto3 reports inputTokens 10; llmctl's input counts the cache reads and writes too.
        #expect(whole.usage == Usage(inputTokens: 130, outputTokens: 40, totalTokens: 170, cachedInputTokens: 100, cacheWriteTokens: 20))
        for split in 1..<bytes.count {
            let got = try assemble([Array(bytes[..<split]), Array(bytes[split...])])
            #expect(got == whole, "split at \(split)")
        }
    }

    @Test func aWholeConverseReplyCarriesTheSameParts() throws {
        let body = #"{"output":{"message":{"role":"assistant","content":[{"reasoningContent":{"reasoningText":{"text":"Checking ☀ first.","signature":"ErcBCkgIBRABGAIi"}}},{"text":"Let me look."},{"toolUse":{"toolUseId":"tooluse_abc","name":"get_weather","input":{"city":"Paris"}}}]}},"stopReason":"tool_use","usage":{"inputTokens":10,"outputTokens":40,"totalTokens":170,"cacheReadInputTokens":100,"cacheWriteInputTokens":20}}"#
        var reply = ReplyAssembler()
        reply.apply(try BedrockProvider().decodeResponse(Array(body.utf8), from: BedrockProvider().builtInEndpoint))
        #expect(reply.message.parts == Self.expectedParts)
        #expect(reply.usage?.cacheWriteTokens == 20)
    }

    @Test func requestCarriesThinkingToolsImagesAndToolResults() throws {
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF]
        let request = ChatRequest(
            model: ModelRef(provider: "bedrock", model: "anthropic.claude-3-7-sonnet-20250219-v1:0"),
            messages: [
                ChatMessage(role: .user, parts: [.image(ImageAttachment(mediaType: "image/jpeg", bytes: jpeg)), .text("weather?")]),
                ChatMessage(role: .assistant, parts: Self.expectedParts),
                ChatMessage(role: .tool, parts: [.toolResult(ToolResult(callID: "tooluse_abc", name: "get_weather", content: "18C"))]),
            ],
            stream: true,
            tools: [ToolDefinition(name: "get_weather", description: "Weather", parameters: .object(["type": .string("object")]))],
            reasoning: .low)
        let endpoint = Endpoint(name: "bedrock", kind: .bedrock, baseURL: "https://bedrock-runtime.us-east-1.amazonaws.com",
                                credential: .bearer(Secret("token-0123456789"), source: "AWS_BEARER_TOKEN_BEDROCK"))
        let spec = try BedrockProvider().makeRequest(request, endpoint: endpoint, context: RequestContext())
        jsonEqual(spec.body, #"""
            {"messages":[
              {"role":"user","content":[{"image":{"format":"jpeg","source":{"bytes":"/9j/"}}},{"text":"weather?"}]},
              {"role":"assistant","content":[
                {"reasoningContent":{"reasoningText":{"text":"Checking ☀ first.","signature":"ErcBCkgIBRABGAIi"}}},
                {"text":"Let me look."},
                {"toolUse":{"toolUseId":"tooluse_abc","name":"get_weather","input":{"city":"Paris"}}}]},
              {"role":"user","content":[{"toolResult":{"toolUseId":"tooluse_abc","content":[{"text":"18C"}],"status":"success"}}]}],
             "inferenceConfig":{"maxTokens":5120},
             "toolConfig":{"tools":[{"toolSpec":{"name":"get_weather","description":"Weather","inputSchema":{"json":{"type":"object"}}}}]},
             "additionalModelRequestFields":{"thinking":{"type":"enabled","budget_tokens":1024}}}
            """#)
        var nova = request
        nova.model = ModelRef(provider: "bedrock", model: "amazon.nova-pro-v1:0")
        #expect { try BedrockProvider().makeRequest(nova, endpoint: endpoint, context: RequestContext()) } throws: {
            "\($0)".contains("leave out --reasoning")
        }
    }
}
