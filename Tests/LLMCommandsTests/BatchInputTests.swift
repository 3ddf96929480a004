import LLMCore
import Testing
@testable import LLMCommands
import Terminal

/// Input lines and the plan made from them: every rule without a file.
@Suite struct BatchInputTests {
    func parse(_ text: String, line: Int = 1) -> BatchLine { BatchInputParser.parse(text[...], line: line) }

    @Test func promptLine() throws {
        guard case .item(let item) = parse(#"{"id": "a", "prompt": "hi", "model": "openai:gpt-4o-mini", "temperature": 0.5, "max_tokens": 20, "system": "be brief", "extra": [1]}"#, line: 4) else {
            Issue.record("not an item")
            return
        }
        #expect(item.id == .string("a"))
        #expect(item.messages == [ChatMessage(role: .user, content: "hi")])
        #expect(item.model == "openai:gpt-4o-mini")
        #expect(item.temperature == 0.5)
        #expect(item.maxTokens == 20)
        #expect(item.system == "be brief")
        #expect(item.line == 4)
    }

    @Test func messagesLineMovesSystemMessagesOut() throws {
        let line = #"{"id": 7, "system": "one", "messages": [{"role": "system", "content": "two"}, {"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}, {"role": "user", "content": "q2"}]}"#
        guard case .item(let item) = parse(line) else {
            Issue.record("not an item")
            return
        }
        #expect(item.id == .number("7"))
        #expect(item.system == "one\n\ntwo")
        #expect(item.messages.map(\.role) == [.user, .assistant, .user])
    }

    @Test func integerIDsHaveOneSpelling() {
        #expect(BatchInputParser.normalisedID(.number("3.0")) == .number("3"))
        #expect(BatchInputParser.normalisedID(.number("3.5")) == nil)
        #expect(BatchInputParser.normalisedID(.string("")) == nil)
        #expect(BatchInputParser.normalisedID(.bool(true)) == nil)
    }

    @Test(arguments: [
        (#"{"id": 1, "prompt": "x""#, "not valid JSON"),
        (#"[1, 2]"#, "not a JSON object"),
        (#"{"prompt": "x"}"#, #"missing "id""#),
        (#"{"id": [1], "prompt": "x"}"#, #""id" must be a string or an integer"#),
        (#"{"id": 1}"#, #"missing "prompt" or "messages""#),
        (#"{"id": 1, "prompt": ""}"#, #""prompt" must be a non-empty string"#),
        (#"{"id": 1, "messages": "hi"}"#, #""messages" must be an array"#),
        (#"{"id": 1, "messages": [{"role": "robot", "content": "x"}]}"#, #"messages[0]: "role" must be"#),
        (#"{"id": 1, "messages": [{"role": "user"}]}"#, #"messages[0]: "content" must be a non-empty string or an array of parts"#),
        (#"{"id": 1, "messages": [{"role": "system", "content": "x"}]}"#, #""messages" has no user message"#),
        (#"{"id": 1, "prompt": "x", "temperature": 3}"#, #""temperature" must be a number from 0 to 2"#),
        (#"{"id": 1, "prompt": "x", "max_tokens": 0}"#, #""max_tokens" must be an integer of at least 1"#),
        (#"{"id": 1, "prompt": "x", "model": 5}"#, #""model" must be a string"#),
        (#"{"id": 1, "prompt": "x", "system": 5}"#, #""system" must be a string"#),
    ])
    func malformed(line: String, reason: String) {
        guard case .malformed(let message) = parse(line) else {
            Issue.record("accepted: \(line)")
            return
        }
        #expect(message.hasPrefix(reason), "\(message)")
    }

    @Test func blankLinesAreNotErrors() {
        #expect(parse("") == .blank)
        #expect(parse("   \t") == .blank)
    }

    @Test func planNumbersLinesAndSkipsDuplicatesAndDoneIDs() {
        let text = """
            {"id": "a", "prompt": "1"}

            {"id": "b", "prompt": "2"
            {"id": "c", "prompt": "3"}\r
            {"id": "a", "prompt": "again"}
            {"id": 9, "prompt": "done already"}
            {"id": "d"}
            """
        let plan = BatchPlan.make(text: text, name: "batch.jsonl", done: [.number("9")])
        #expect(plan.items.map(\.id) == [.string("a"), .string("c")])
        #expect(plan.items.map(\.line) == [1, 4])
        #expect(plan.malformed == 2)
        #expect(plan.duplicates == 1)
        #expect(plan.skipped == 1)
        #expect(plan.accepted == 3)
        #expect(plan.issues.count == 3)
        #expect(plan.issues[0].hasPrefix("batch.jsonl:3: not valid JSON: "))
        #expect(plan.issues[1] == #"batch.jsonl:5: duplicate id "a" (first on line 1); skipped"#)
        #expect(plan.issues[2] == #"batch.jsonl:7: missing "prompt" or "messages""#)
    }
}

/// Batch lines in the OpenAI chat format: content parts, images as data URLs, tool turns, tools, reasoning.
struct BatchRichInputTests {
    func item(_ line: String) -> BatchItem? {
        if case .item(let item) = BatchInputParser.parse(Substring(line), line: 1) { return item }
        return nil
    }

    func problem(_ line: String) -> String? {
        if case .malformed(let reason) = BatchInputParser.parse(Substring(line), line: 1) { return reason }
        return nil
    }

    @Test func contentPartsImagesAndToolTurns() throws {
        let png = "iVBORw0KGgoAAAANSUhEUg=="
        let line = #"{"id":1,"reasoning":"high","tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}],"messages":[{"role":"user","content":[{"type":"text","text":"what is this?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,"# + png + #""}}]},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},{"role":"tool","tool_call_id":"c1","content":"18C"}]}"#
        let parsed = try #require(item(line))
        #expect(parsed.reasoning == .high)
        #expect(parsed.tools.map(\.name) == ["get_weather"])
        #expect(parsed.messages.map(\.role) == [.user, .assistant, .tool])
        #expect(parsed.messages[0].images.first?.mediaType == "image/png")
        #expect(parsed.messages[0].content == "what is this?")
        #expect(parsed.messages[1].toolCalls == [ToolCall(id: "c1", name: "get_weather", arguments: #"{"city":"Paris"}"#)])
        #expect(parsed.messages[2].toolResults == [ToolResult(callID: "c1", name: "get_weather", content: "18C")])
        #expect(parsed.unknownKeys.isEmpty)
    }

    @Test func badRichLinesSayWhy() {
        #expect(problem(#"{"id":1,"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x/y.png"}}]}]}"#)?.contains("only data: URLs") == true)
        #expect(problem(#"{"id":1,"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,aGVsbG8="}}]}]}"#)?.contains("does not hold a PNG") == true)
        #expect(problem(#"{"id":1,"messages":[{"role":"tool","content":"x"}]}"#)?.contains("tool_call_id") == true)
        #expect(problem(#"{"id":1,"prompt":"p","tools":[{"name":"t","command":["/bin/sh"]}]}"#)?.contains("does not run tool commands") == true)
        #expect(problem(#"{"id":1,"prompt":"p","reasoning":"lots"}"#)?.contains("\"reasoning\" must be") == true)
    }

    @Test func unknownKeysAreWarnedOnceEach() {
        let plan = BatchPlan.make(text: #"{"id":1,"prompt":"a","meta":1}"# + "\n" + #"{"id":2,"prompt":"b","meta":2,"tag":"x"}"#, name: "in.jsonl")
        #expect(plan.items.count == 2)
        #expect(plan.warnings.count == 2)
        #expect(plan.warnings[0].hasPrefix("in.jsonl:1: unknown key \"meta\" is not sent"))
        #expect(plan.warnings[1].hasPrefix("in.jsonl:2: unknown key \"tag\""))
    }
}
