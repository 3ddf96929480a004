import ArgumentParser
import LLMCommands
import Terminal
import LLMCore

extension LLMCtl {
    /// `llmctl compare`: the same prompt to several models at once.
    struct Compare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "Send one prompt to several models at once and compare the replies.",
            discussion: """
            Name each model with -m (at least two). The prompt is the arguments plus piped stdin, as for ask. \
            On a terminal the replies stream live, line by line, each after its [model] label; on a pipe each \
            model's reply is one block (== provider:model ==), printed in -m order as the models finish. A \
            table on stderr follows: time to first token, total time, tokens, tokens/s, new or reused \
            connection, error. --json prints one object instead: {prompt, results: [one object per \
            model, the same as ask --json]}.

            --first races the models: the first to produce a token is streamed alone and the others are \
            cancelled at once (their connections are closed); stderr says which won.

            Exit status: 0 when every model answered (with --first: when the winner did); 5 when any failed, \
            whatever the cause (the table says which); 2 for bad usage; 3 when a model cannot be resolved; \
            130 when interrupted.
            """)

        @OptionGroup var model: ModelOptions

        @OptionGroup(title: "Reasoning and attachments") var rich: PromptFlags

        @Flag(help: "Print one JSON object with every model's result instead of the text and table.")
        var json = false

        @Flag(help: "Race the models: keep the first to produce a token and cancel the others.")
        var first = false

        @Flag(name: .customLong("no-log"), help: "Do not record the replies in the conversation log.")
        var noLog = false

        @Argument(help: "The prompt.")
        var prompt: [String] = []

        func validate() throws {
            if model.model.count < 2 {
                throw ValidationError("compare needs at least two models: -m provider:model -m provider:model")
            }
        }

        func run() async throws {
            let runtime = ProcessRuntime()
            defer { runtime.shutdown() }
            var options = CompareOptions(models: model.model, system: model.system, temperature: model.temperature,
                                         maxTokens: model.maxTokens, stream: !model.noStream, json: json, first: first,
                                         promptWords: prompt,
                                         resilience: model.resilience.overriding(runtime.config.network.resilience),
                                         rich: rich.options)
            options.noLog = noLog
            let status = await runtime.runInterruptible { [options] in
                await CompareCommand.execute(options, context: runtime.context)
            }
            if status != .success { throw ExitCode(status.rawValue) }
        }
    }
}
