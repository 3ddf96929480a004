import Foundation
import MockProviders
import Testing

/// The mock's rich turns refuse what the real APIs refuse, so the end-to-end tests that pass mean
/// llmctl sent back what each provider requires.
struct RichTurnTests {
    static let anthropicHeaders = [("x-api-key", "sk-ant-test"), ("anthropic-version", "2023-06-01")]

    static func anthropicSecondTurn(thinking: String) -> String {
        #"{"model":"claude-sonnet-4-5","max_tokens":5120,"thinking":{"type":"enabled","budget_tokens":1024},"#
            + #""tools":[{"name":"get_weather","input_schema":{"type":"object"}}],"messages":["#
            + #"{"role":"user","content":"weather?"},"#
            + #"{"role":"assistant","content":[\#(thinking){"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}]},"#
            + #"{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"18C"}]}]}"#
    }

    @Test func anthropicRequiresTheSignedThinkingBlockBack() throws {
        let server = try started()
        defer { server.stop() }
        // The first turn: thinking then a tool call; its signature is what must come back.
        let first = roundTrip(server.port, "/v1/messages", headers: Self.anthropicHeaders,
                              body: #"{"model":"claude-sonnet-4-5","max_tokens":5120,"thinking":{"type":"enabled","budget_tokens":1024},"tools":[{"name":"get_weather","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"weather?"}]}"#)
        let content = try #require(first.json["content"] as? [[String: Any]])
        #expect(content.map { $0["type"] as? String } == ["thinking", "tool_use"])
        let thinking = content[0]["thinking"] as? String ?? ""
        let signature = content[0]["signature"] as? String ?? ""

        let missing = roundTrip(server.port, "/v1/messages", headers: Self.anthropicHeaders, body: Self.anthropicSecondTurn(thinking: ""))
        #expect(missing.status == 400)
        #expect(missing.text.contains("Expected `thinking` or `redacted_thinking`, but found `tool_use`"))
        let forged = roundTrip(server.port, "/v1/messages", headers: Self.anthropicHeaders,
                               body: Self.anthropicSecondTurn(thinking: #"{"type":"thinking","thinking":"\#(thinking)","signature":"forged"},"#))
        #expect(forged.status == 400)
        #expect(forged.text.contains("Invalid `signature`"))
        let good = roundTrip(server.port, "/v1/messages", headers: Self.anthropicHeaders,
                             body: Self.anthropicSecondTurn(thinking: #"{"type":"thinking","thinking":"\#(thinking)","signature":"\#(signature)"},"#))
        #expect(good.status == 200, "\(good.text)")
        #expect((good.json["content"] as? [[String: Any]])?.last?["text"] as? String == "Tool get_weather returned: 18C")
    }

    @Test func geminiRequiresTheFunctionCallsSignatureBack() throws {
        let server = try started()
        defer { server.stop() }
        let path = "/v1beta/models/gemini-2.5-flash:generateContent"
        let headers = [("x-goog-api-key", "gem-key")]
        func body(_ signature: String) -> String {
            #"{"generationConfig":{"thinkingConfig":{"thinkingBudget":1024}},"tools":[{"functionDeclarations":[{"name":"get_weather"}]}],"#
                + #""contents":[{"role":"user","parts":[{"text":"weather?"}]},"#
                + #"{"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{}}\#(signature)}]},"#
                + #"{"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"output":"18C"}}}]}]}"#
        }
        let first = roundTrip(server.port, path, headers: headers,
                              body: #"{"generationConfig":{"thinkingConfig":{"thinkingBudget":1024}},"tools":[{"functionDeclarations":[{"name":"get_weather"}]}],"contents":[{"role":"user","parts":[{"text":"weather?"}]}]}"#)
        let parts = try #require(((first.json["candidates"] as? [[String: Any]])?.first?["content"] as? [String: Any])?["parts"] as? [[String: Any]])
        let signature = try #require(parts.last?["thoughtSignature"] as? String)
        let missing = roundTrip(server.port, path, headers: headers, body: body(""))
        #expect(missing.status == 400)
        #expect(missing.text.contains("missing a thought_signature"))
        let good = roundTrip(server.port, path, headers: headers, body: body(#","thoughtSignature":"\#(signature)""#))
        #expect(good.status == 200, "\(good.text)")
    }

    @Test func anOrphanToolResultIsRefused() throws {
        let server = try started()
        defer { server.stop() }
        let orphan = roundTrip(server.port, "/v1/messages", headers: Self.anthropicHeaders,
                               body: #"{"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_x","content":"1"}]}]}"#)
        #expect(orphan.status == 400)
        #expect(orphan.text.contains("unexpected `tool_use_id`"))
    }
}
