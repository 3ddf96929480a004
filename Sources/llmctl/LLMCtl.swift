import ArgumentParser
import LLMCommands
import Foundation
import LLMCore
import Terminal

/// `llmctl`: a REPL on a terminal; like `ask` when stdin is piped.
@main
struct LLMCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llmctl",
        abstract: "A command-line LLM playground: stream replies from any provider and see where the time went.",
        discussion: """
        With no subcommand on a terminal, llmctl opens an interactive chat. With stdin piped, it answers \
        like `llmctl ask`. Exit codes: \(ExitStatus.allCases.map { "\($0.rawValue) \($0.summary)" }.joined(separator: "; ")).
        """,
        version: "llmctl \(LLMCtlVersion.string)",
        subcommands: [Chat.self, Ask.self, Batch.self, Compare.self, Models.self, Config.self, Log.self],
        defaultSubcommand: Chat.self)

    /// Parses, runs, and maps every failure to the documented exit codes (usage errors exit 2).
    static func main() async {
        StandardInput.reserveStandardDescriptors()
        let arguments = Array(CommandLine.arguments.dropFirst())
        let commands = configuration.subcommands.compactMap { $0.configuration.commandName }
        if let problem = CommandLineReading.problem(arguments, commands: commands) {
            FileHandle.standardError.write(Data("llmctl: error: \(problem)\n".utf8))
            Foundation.exit(ExitStatus.usage.rawValue)
        }
        do {
            var command = try parseBarePromptAsAsk(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))   // --help, --version, --generate-completion-script
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((usageLine(for: error) + "\n").utf8))
            Foundation.exit(code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue)
        }
    }

    /// Parses `arguments`; when the root command cannot take them (a positional word, an option only
    /// `ask` has) but `ask` can, they are a prompt: `llmctl "what is 2+2"` is `llmctl ask "what is 2+2"`.
    static func parseBarePromptAsAsk(_ arguments: [String]) throws -> any ParsableCommand {
        do {
            return try parseAsRoot(arguments)
        } catch {
            let text = message(for: error)
            // A command named anywhere means the words are not a prompt: its error stands.
            let commands = configuration.subcommands.compactMap { $0.configuration.commandName }
            guard text.hasPrefix("Unexpected argument") || text.hasPrefix("Unknown option"),
                  !arguments.contains(where: commands.contains),
                  let ask = try? parseAsRoot(["ask"] + arguments) else { throw error }
            return ask
        }
    }

    /// A bad command line as one line that says where to look: `llmctl: error: --temperature must be
    /// between 0 and 2 (got 7.0); see 'llmctl ask --help'` (ArgumentParser's own text adds the root's
    /// usage, which is the wrong command's for a subcommand's mistake).
    static func usageLine(for error: any Error, arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> String {
        let text = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
        let names = configuration.subcommands.compactMap { $0.configuration.commandName }
        let named = arguments.first { names.contains($0) }
        if let placement = OptionPlacement.problem(arguments, commands: names) { return "llmctl: error: \(placement)" }
        let command = named.map { "llmctl \($0)" } ?? "llmctl"
        var line = text.hasPrefix("Error: ") ? String(text.dropFirst(7)) : text
        if line.first?.isUppercase == true, line.dropFirst().first?.isLowercase == true {
            line = line.prefix(1).lowercased() + line.dropFirst()
        }
        return "llmctl: error: \(line); see '\(command) --help'"
    }
}
