import Foundation
import LLMCore
import Testing

/// Events become one assistant message: reasoning blocks with their signatures, text, tool calls
/// assembled from argument pieces, in stream order.
struct ReplyAssemblerTests {
    @Test func reasoningTextAndToolCallsAssembleInOrder() {
        var reply = ReplyAssembler()
        reply.apply([
            .reasoning("Think"), .reasoning("ing."), .reasoningSignature("sig-1"),
            .text("Let me "), .text("check."),
            .toolCallStart(ToolCallStart(index: 0, id: "call_a", name: "get_weather")),
            .toolCallArguments(index: 0, "{\"ci"), .toolCallStart(ToolCallStart(index: 1, id: "call_b", name: "get_time")),
            .toolCallArguments(index: 0, "ty\":\"Paris\"}"), .toolCallArguments(index: 1, "{}"),
            .usage(Usage(inputTokens: 10, outputTokens: 20)), .finish("tool_calls"), .end,
        ])
        #expect(reply.message.parts == [
            .reasoning(ReasoningBlock(text: "Thinking.", signature: "sig-1")),
            .text("Let me check."),
            .toolCall(ToolCall(id: "call_a", name: "get_weather", arguments: "{\"city\":\"Paris\"}")),
            .toolCall(ToolCall(id: "call_b", name: "get_time", arguments: "{}")),
        ])
        #expect(reply.reasoningText == "Thinking.")
        #expect(reply.text == "Let me check.")
        #expect(reply.finishReason == "tool_calls")
        #expect(reply.usage == Usage(inputTokens: 10, outputTokens: 20))
    }

    @Test func signedBlockEndsAndRedactedReasoningIsKept() {
        var reply = ReplyAssembler()
        reply.apply([.reasoning("a"), .reasoningSignature("s1"), .reasoning("b"), .redactedReasoning("opaque")])
        #expect(reply.message.reasoning == [ReasoningBlock(text: "a", signature: "s1"), ReasoningBlock(text: "b"),
                                           ReasoningBlock(redacted: "opaque")])
    }

    @Test func anyDeltaIsProgressButUsageIsNot() {
        #expect(ChatEvent.reasoning("x").isDelta)
        #expect(ChatEvent.toolCallArguments(index: 0, "{").isDelta)
        #expect(ChatEvent.toolCallStart(ToolCallStart(index: 0, id: "i", name: "n")).isDelta)
        #expect(!ChatEvent.text("").isDelta)
        #expect(!ChatEvent.usage(Usage()).isDelta)
        #expect(!ChatEvent.finish("stop").isDelta)
    }

    @Test func contentPartsRoundTripThroughJSON() throws {
        let parts: [ContentPart] = [
            .text("hi"), .image(ImageAttachment(mediaType: "image/png", bytes: [0x89, 0x50, 0, 255])),
            .toolCall(ToolCall(id: "c", name: "n", arguments: "{\"a\":1}", signature: "gs")),
            .toolResult(ToolResult(callID: "c", name: "n", content: "out", isError: true)),
            .reasoning(ReasoningBlock(text: "t", signature: "s", redacted: nil)),
        ]
        let data = try JSONEncoder().encode(parts)
        #expect(try JSONDecoder().decode([ContentPart].self, from: data) == parts)
        #expect(String(decoding: data, as: UTF8.self).contains(#""data":"iVAA\/w==""#))
    }

    @Test func reasoningSettingsParseAndMap() {
        #expect(ReasoningSetting("HIGH") == .high)
        #expect(ReasoningSetting("off") == .off)
        #expect(ReasoningSetting("2048") == .budget(2048))
        #expect(ReasoningSetting("-3") == nil)
        #expect(ReasoningSetting("lots") == nil)
        #expect(ReasoningSetting.budget(2048).effort == "low")
        #expect(ReasoningSetting.budget(20000).effort == "high")
        #expect(ReasoningSetting.medium.budgetTokens == 4096)
        #expect(ReasoningSetting.off.budgetTokens == nil)
    }

    @Test func toolArgumentsAlwaysGiveAnObject() {
        #expect(ToolCall(id: "", name: "", arguments: "").argumentsObject == .object([]))
        #expect(ToolCall(id: "", name: "", arguments: " {\"a\":1} ").argumentsObject == .object(["a": .number(1)]))
        #expect(ToolCall(id: "", name: "", arguments: "[1]").argumentsObject == .object(["input": .string("[1]")]))
    }
}
