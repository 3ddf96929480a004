import ArgumentParser
import LLMCommands
import Terminal
import LLMCore

extension LLMCtl {
    /// `llmctl ask`: one prompt, one answer, for scripts.
    struct Ask: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ask",
            abstract: "Send one prompt and stream the answer to stdout.",
            discussion: """
            The prompt is the arguments; piped stdin is added as context after them \
            (git diff | llmctl ask "write a commit message"). Model text goes to stdout, \
            everything else to stderr.
            """)

        @OptionGroup var model: ModelOptions

        @OptionGroup(title: "Reasoning, tools and attachments") var rich: RichFlags

        @Flag(help: "Print one JSON object (text, usage, timing, connection) instead of the text.")
        var json = false

        @Flag(help: "Print a one-line latency and connection summary on stderr.")
        var stats = false

        @Flag(name: .customLong("no-log"), help: "Do not record this exchange in the conversation log.")
        var noLog = false

        @Flag(name: [.customShort("c"), .customLong("continue")], help: "Continue the most recent conversation in the log.")
        var continueLast = false

        @Option(name: .customLong("cid"), help: ArgumentHelp("Continue this conversation (an id from llmctl log conversations).", valueName: "id"))
        var conversationID: String?

        @Option(help: ArgumentHelp("Continue the conversation named NAME (a chat session), or start it.", valueName: "name"))
        var session: String?

        func validate() throws {
            if [continueLast, conversationID != nil, session != nil].filter({ $0 }).count > 1 {
                throw ValidationError("-c, --cid and --session each choose the conversation to continue; give one")
            }
            if let session { try SessionStore.validate(session) }
        }

        @Argument(help: "The prompt.")
        var prompt: [String] = []

        func run() async throws {
            let runtime = ProcessRuntime()
            defer { runtime.shutdown() }
            let status = await runtime.runInterruptible {
                var options = model.askOptions(words: prompt, json: json, stats: stats, config: runtime.config)
                options.rich = rich.options
                options.noLog = noLog
                options.continuation = continueLast ? .latest : conversationID.map(Continuation.id) ?? session.map(Continuation.named)
                return await AskCommand.execute(options, context: runtime.context)
            }
            if status != .success { throw ExitCode(status.rawValue) }
        }
    }
}
