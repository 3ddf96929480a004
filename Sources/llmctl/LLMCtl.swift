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
        subcommands: [Ask.self, Batch.self, Compare.self, Models.self, Config.self, Log.self])

    @OptionGroup var model: ModelOptions

    @OptionGroup(title: "Reasoning, tools and attachments") var rich: RichFlags

    @Option(help: ArgumentHelp(
        "Resume the named chat session and save it after every reply ($XDG_STATE_HOME/llmctl/sessions/<name>.json).",
        valueName: "name"))
    var session: String?

    @Flag(name: [.customShort("c"), .customLong("continue")], help: "Continue the chat session used last.")
    var continueLast = false

    @Flag(name: .customLong("no-log"), help: "Keep this chat (or piped prompt) out of the conversation log.")
    var noLog = false

    func validate() throws {
        if session != nil, continueLast { throw ValidationError("--session and --continue cannot be used together") }
        if let session { try SessionStore.validate(session) }
    }

    func run() async throws {
        let runtime = ProcessRuntime()
        defer { runtime.shutdown() }
        let status: ExitStatus
        if runtime.context.console.terminal.stdinIsTTY {
            status = await REPLRunner.run(replLaunch(config: runtime.config), context: runtime.context,
                                          interrupts: runtime.interrupts)
        } else if session != nil || continueLast {
            throw ValidationError("--session and --continue are for the interactive chat; stdin is not a terminal")
        } else {
            var options = model.askOptions(words: [], json: false, stats: false, config: runtime.config)
            options.rich = rich.options
            options.noLog = noLog
            status = await AskCommand.execute(options, context: runtime.context)
        }
        if status != .success { throw ExitCode(status.rawValue) }
    }

    /// The REPL's start-up: flags, then the config file's `[repl]` table and aliases.
    private func replLaunch(config: LLMConfig) -> REPLLaunch {
        let repl = config.repl
        var options = REPLOptions()
        options.summary = repl.summary ?? options.summary
        options.editorMode = repl.editor.flatMap { EditorMode(rawValue: $0.rawValue) }
        options.historySize = repl.historySize ?? options.historySize
        options.saveHistory = repl.saveHistory ?? options.saveHistory
        options.color = repl.color ?? options.color
        var launch = REPLLaunch(model: model.model.first, system: model.system, temperature: model.temperature,
                          maxTokens: model.maxTokens, stream: !model.noStream, sessionName: session,
                          continueLast: continueLast,
                          completionModels: Set(REPLLaunch.builtInModels() + REPLLaunch.configModels(config)).sorted(),
                          options: options, policy: model.resilience.overriding(config.network.resilience).policy(),
                          rich: rich.options)
        launch.noLog = noLog
        return launch
    }

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
            guard text.hasPrefix("Unexpected argument") || text.hasPrefix("Unknown option"),
                  let ask = try? parseAsRoot(["ask"] + arguments) else { throw error }
            return ask
        }
    }

    /// A bad command line as one line that says where to look: `llmctl: error: --temperature must be
    /// between 0 and 2 (got 7.0); see 'llmctl ask --help'` (ArgumentParser's own text adds the root's
    /// usage, which is the wrong command's for a subcommand's mistake).
    static func usageLine(for error: any Error) -> String {
        let text = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
        let names = configuration.subcommands.compactMap { $0.configuration.commandName }
        let command = CommandLine.arguments.dropFirst().first { names.contains($0) }.map { "llmctl \($0)" } ?? "llmctl"
        var line = text.hasPrefix("Error: ") ? String(text.dropFirst(7)) : text
        if line.first?.isUppercase == true, line.dropFirst().first?.isLowercase == true {
            line = line.prefix(1).lowercased() + line.dropFirst()
        }
        return "llmctl: error: \(line); see '\(command) --help'"
    }
}
