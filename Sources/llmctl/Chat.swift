import ArgumentParser
import Foundation
import LLMCommands
import LLMCore
import Terminal

extension LLMCtl {
    /// `llmctl` with no command: the interactive chat on a terminal; like `ask` when stdin is piped.
    ///
    /// A subcommand of its own (the default one) so that the root command has no options: an option
    /// given to another command can then never be taken, and dropped, by the root.
    struct Chat: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "chat",
            abstract: "Chat interactively (the default: llmctl with no command). With stdin piped, answer like ask.")

        @OptionGroup var model: ModelOptions

        @OptionGroup(title: "Reasoning, tools and attachments") var rich: RichFlags

        @Option(help: ArgumentHelp(
            "Continue the conversation named NAME in the conversation log, or start it under that name.",
            valueName: "name"))
        var session: String?

        @Flag(name: [.customShort("c"), .customLong("continue")], help: "Continue the most recent conversation in the conversation log.")
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
            } else {
                // Piped: the prompt is stdin, answered like ask (which also continues -c and --session).
                var options = model.askOptions(words: [], json: false, stats: false, config: runtime.config)
                options.rich = rich.options
                options.noLog = noLog
                options.continuation = continueLast ? .latest : session.map(Continuation.named)
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
    }
}
