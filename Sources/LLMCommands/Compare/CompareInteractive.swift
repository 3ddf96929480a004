import LLMClient
import LLMCore
import Terminal

extension CompareRunner {
    /// The REPL's `/compare A B …`: sends `request` (the conversation up to its last prompt) to each
    /// model at once, streams the replies live under `[model]` labels, then prints the table on stderr.
    /// Ctrl-C cancels the comparison only. Returns nil when a model does not resolve (already reported).
    ///
    /// The conversation is left as it is: the caller decides whether to keep any of the replies.
    public static func interactive(models names: [String], request: CompareRequest, context: CommandContext,
                                   interrupts: InterruptHandler, policy: ResiliencePolicy = .default) async -> [CompareResult]? {
        let console = context.console
        var models: [ResolvedModel] = []
        for name in names {
            do {
                models.append(try await context.resolveModel(name))
            } catch {
                console.errLine("cannot compare with \(name): \(ErrorReport(error, redactor: context.redactor).message)")
                return nil
            }
        }
        let runner = CompareRunner(client: context.resilientClient, console: console,
                                   policy: policy, redactor: context.redactor)
        let style = CompareStyle.streaming(on: console.terminal)
        let task = Task { await runner.run(request, models: models, style: style) }
        interrupts.onInterrupt { task.cancel() }
        let results = await task.value
        interrupts.onInterrupt(nil)
        console.err(console.dim(CompareReport.table(results)))
        return results
    }

    /// The model names of `/compare A B …`: at least two, else `current` (the REPL's model) goes first.
    /// nil when there are still fewer than two.
    public static func models(fromArguments arguments: String, current: String?) -> [String]? {
        var names = arguments.split(whereSeparator: \.isWhitespace).map(String.init)
        if names.count < 2, let current, !names.contains(current) { names.insert(current, at: 0) }
        return names.count >= 2 ? names : nil
    }
}
