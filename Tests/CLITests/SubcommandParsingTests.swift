import ArgumentParser
import LLMCore
import Testing
@testable import llmctl

/// One parsing test per subcommand: every option lands where it is declared, so a mistake in a
/// declaration (a wrong name, a flag bound to the wrong command) fails here, not in a user's script.
@Suite struct SubcommandParsingTests {
    static func parse<C: ParsableCommand>(_ arguments: [String], as type: C.Type) throws -> C {
        try #require(try LLMCtl.parseAsRoot(arguments) as? C)
    }

    @Test func chatIsTheDefaultCommand() throws {
        let chat = try Self.parse(["-m", "openai:gpt-4o-mini", "--session", "work"], as: LLMCtl.Chat.self)
        #expect(chat.model.model == ["openai:gpt-4o-mini"])
        #expect(chat.session == "work")
        #expect(try Self.parse(["-c"], as: LLMCtl.Chat.self).continueLast)
        #expect(try Self.parse(["chat", "--no-log", "--reasoning", "high"], as: LLMCtl.Chat.self).noLog)
        #expect(throws: (any Error).self) { try LLMCtl.parseAsRoot(["--session", "a", "-c"]) }
    }

    /// Options bound to the root were taken from the command they were given to and dropped: the root
    /// has none now, and an option in the wrong place is a usage error that says where it belongs.
    @Test func optionsAreNeverTakenByAnotherCommand() throws {
        let ask = try Self.parse(["ask", "-c", "--no-log", "hi"], as: LLMCtl.Ask.self)
        #expect(ask.continueLast && ask.noLog)
        #expect(try Self.parse(["ask", "--session", "foo", "hi"], as: LLMCtl.Ask.self).session == "foo")
        #expect(try Self.parse(["ask", "--cid", "abc", "hi"], as: LLMCtl.Ask.self).conversationID == "abc")
        let commands = LLMCtl.configuration.subcommands.compactMap { $0.configuration.commandName }
        #expect(OptionPlacement.problem(["-c", "ask", "hi"], commands: commands) == "'-c' is given before 'ask'; options go after the command name: llmctl ask -c …")
        #expect(OptionPlacement.problem(["batch", "-c", "in.jsonl"], commands: commands) == "'-c' is not an option of batch; it belongs to the chat (llmctl without a command), ask")
        #expect(OptionPlacement.problem(["models", "--session=x"], commands: commands)?.hasPrefix("'--session' is not an option of models") == true)
        #expect(OptionPlacement.problem(["compare", "--tool", "t", "-m", "a:b", "-m", "c:d", "x"], commands: commands)?.contains("belongs to the chat (llmctl without a command), ask") == true)
        #expect(OptionPlacement.problem(["ask", "--bogus"], commands: commands) == nil)
        // Every command's options are known (read from ArgumentParser's own description).
        #expect(OptionPlacement.optionsByCommand["ask"]?.isSuperset(of: ["-c", "--continue", "--session", "--cid", "--no-log", "--tool", "-m"]) == true)
    }

    @Test func ask() throws {
        let ask = try Self.parse(["ask", "-m", "a:b", "-m", "c:d", "-s", "terse", "--temperature", "0.5",
                                  "--max-tokens", "64", "--no-stream", "--json", "--stats", "--retries", "1",
                                  "--connect-timeout", "2", "--first-token-timeout", "3", "--idle-timeout", "4",
                                  "--timeout", "5", "hello", "world"], as: LLMCtl.Ask.self)
        #expect(ask.model.model == ["a:b", "c:d"])
        #expect(ask.model.system == "terse")
        #expect(ask.model.temperature == 0.5)
        #expect(ask.model.maxTokens == 64)
        #expect(ask.model.noStream && ask.json && ask.stats)
        #expect(ask.model.retries == 1)
        #expect(ask.model.resilience.firstTokenTimeout == 3)
        #expect(ask.prompt == ["hello", "world"])
        #expect(throws: (any Error).self) { try LLMCtl.parseAsRoot(["ask", "--temperature", "3", "x"]) }
        #expect(throws: (any Error).self) { try LLMCtl.parseAsRoot(["ask", "--max-tokens", "0", "x"]) }
    }

    @Test func batch() throws {
        let batch = try Self.parse(["batch", "-m", "a:b", "-o", "out.jsonl", "--concurrency", "8", "--unordered",
                                    "--resume", "in.jsonl"], as: LLMCtl.Batch.self)
        #expect(batch.output == "out.jsonl")
        #expect(batch.concurrency == 8)
        #expect(batch.unordered && batch.resume)
        #expect(batch.input == "in.jsonl")
        #expect(throws: (any Error).self) { try LLMCtl.parseAsRoot(["batch", "--resume", "in.jsonl"]) }
        #expect(throws: (any Error).self) { try LLMCtl.parseAsRoot(["batch", "--concurrency", "0", "in.jsonl"]) }
    }

    @Test func compare() throws {
        let compare = try Self.parse(["compare", "-m", "a:b", "-m", "c:d", "--json", "--first", "hi"],
                                     as: LLMCtl.Compare.self)
        #expect(compare.model.model == ["a:b", "c:d"])
        #expect(compare.json && compare.first)
        #expect(compare.prompt == ["hi"])
        #expect(throws: (any Error).self) { try LLMCtl.parseAsRoot(["compare", "-m", "a:b", "hi"]) }
    }

    @Test func models() throws {
        #expect(try Self.parse(["models", "--json"], as: LLMCtl.Models.self).json)
        #expect(try Self.parse(["models"], as: LLMCtl.Models.self).json == false)
    }

    @Test func config() throws {
        _ = try Self.parse(["config", "path"], as: LLMCtl.Config.Path.self)
        _ = try Self.parse(["config", "show"], as: LLMCtl.Config.Show.self)
        _ = try Self.parse(["config", "init"], as: LLMCtl.Config.Init.self)
        #expect(throws: (any Error).self) { try LLMCtl.parseAsRoot(["config", "bogus"]) }
    }
}

/// Peer habits: a bare prompt is `ask`, a near-miss of a command suggests it, `help` needs a real topic.
@Suite struct CommandLineReadingTests {
    static let commands = ["ask", "batch", "compare", "models", "config"]

    @Test func barePromptIsAsk() throws {
        let ask = try #require(try LLMCtl.parseBarePromptAsAsk(["what is 2+2"]) as? LLMCtl.Ask)
        #expect(ask.prompt == ["what is 2+2"])
        let withOptions = try #require(try LLMCtl.parseBarePromptAsAsk(["-m", "a:b", "--json", "hello", "there"]) as? LLMCtl.Ask)
        #expect(withOptions.model.model == ["a:b"] && withOptions.json && withOptions.prompt == ["hello", "there"])
        #expect(try LLMCtl.parseBarePromptAsAsk([]) is LLMCtl.Chat)
        #expect(try LLMCtl.parseBarePromptAsAsk(["models"]) is LLMCtl.Models)
    }

    @Test func nearMissesSuggestTheCommand() {
        #expect(CommandLineReading.problem(["aks", "hi"], commands: Self.commands)
                == "unknown command 'aks'; did you mean 'ask'? (to send it as a prompt: llmctl ask aks)")
        #expect(CommandLineReading.problem(["comapre"], commands: Self.commands)?.contains("'compare'") == true)
        #expect(CommandLineReading.problem(["model"], commands: Self.commands)?.contains("'models'") == true)
        // Real words and prompts are not typos.
        for prompt in ["hello", "what is 2+2", "why", "ask", "explain"] {
            #expect(CommandLineReading.problem([prompt], commands: Self.commands) == nil, "\(prompt)")
        }
        #expect(CommandLineReading.problem(["-m", "aks"], commands: Self.commands) == nil)
    }

    @Test func helpNeedsAKnownTopic() {
        #expect(CommandLineReading.problem(["help", "foo"], commands: Self.commands)
                == "no help topic 'foo': use one of ask, batch, compare, models, config")
        #expect(CommandLineReading.problem(["help", "ask"], commands: Self.commands) == nil)
        #expect(CommandLineReading.problem(["help"], commands: Self.commands) == nil)
    }
}

/// A negative number after a numeric option is that option's value, rejected by name.
@Suite struct NegativeNumberTests {
    @Test func negativeValuesAreNamedNotMissing() {
        for (arguments, expected) in [(["ask", "--max-tokens", "-1", "x"], "--max-tokens must be at least 1 (got -1)"),
                                      (["ask", "--temperature", "-0.5", "x"], "--temperature must be between 0 and 2 (got -0.5)")] {
            do {
                _ = try LLMCtl.parseAsRoot(arguments)
                Issue.record("\(arguments) parsed")
            } catch {
                #expect(LLMCtl.usageLine(for: error).contains(expected), "\(LLMCtl.usageLine(for: error))")
            }
        }
        #expect((try? LLMCtl.parseAsRoot(["ask", "--retries", "-2", "x"]) as? LLMCtl.Ask)?.model.retries == -2,
                "parsed; AskCommand rejects it with the retries message")
    }
}
