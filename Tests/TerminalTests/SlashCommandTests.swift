import Testing
@testable import LLMCommands
@testable import Terminal

@Suite("Slash commands")
struct SlashCommandTests {
    @Test func parsesKnownCommandsWithArguments() {
        guard case .command(let command, let args) = SlashCommands.parse("/model openai:gpt-4o") else {
            Issue.record("not a command"); return
        }
        #expect(command.name == .model)
        #expect(args == "openai:gpt-4o")
        guard case .command(let quit, _) = SlashCommands.parse("  /QUIT ") else { Issue.record("quit"); return }
        #expect(quit.name == .exit)
    }

    @Test func textIsAMessage() {
        #expect(SlashCommands.parse("hello /model") == .message("hello /model"))
        #expect(SlashCommands.parse("//model is a word") == .message("/model is a word"))
        #expect(SlashCommands.parse("/etc/hosts: what is this?") == .message("/etc/hosts: what is this?"))
    }

    @Test(arguments: [("modle", "model"), ("mod", "model"), ("hlep", "help"), ("stat", "stats"), ("sav", "save"),
                      ("exti", "exit"), ("retyr", "retry"), ("systm", "system"), ("qui", "quit")])
    func suggestsTheNearestCommand(typed: String, expected: String) {
        #expect(SlashCommands.parse("/\(typed)") == .unknown(name: typed, suggestion: expected))
    }

    @Test func farOffNamesGetNoSuggestion() {
        #expect(SlashCommands.parse("/xyzzy") == .unknown(name: "xyzzy", suggestion: nil))
        #expect(SlashCommands.suggestion(for: "q") == nil)
    }

    @Test func editDistanceCountsSwapsAsOne() {
        #expect(SlashCommands.editDistance("model", "modle") == 1)
        #expect(SlashCommands.editDistance("", "abc") == 3)
        #expect(SlashCommands.editDistance("kitten", "sitting") == 3)
    }

    @Test func unknownCommandsAreNeverSent() {
        var session = REPLSession(model: "openai:gpt-4o-mini")
        #expect(session.submit("/modle x") == .warn("unknown command /modle — did you mean /model?"))
        #expect(session.messages.isEmpty)
    }

    @Test func helpListsEveryCommand() {
        let help = SlashCommands.helpLines().joined(separator: "\n")
        for command in SlashCommands.all { #expect(help.contains("/\(command.name.rawValue)")) }
        #expect(help.contains("/quit"))
    }
}
