import ArgumentParser
import LLMCommands
import Terminal
import LLMCore

extension LLMCtl {
    /// `llmctl batch`: many prompts from a JSONL file, results as JSONL.
    struct Batch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "batch",
            abstract: "Send many prompts from a JSONL file, a few at a time, and write one JSON result line each.",
            discussion: """
            Each input line is {"id": …, "prompt": "…"} or {"id": …, "messages": [{"role": "user", "content": "…"}]}, \
            optionally with "model", "system", "temperature", "max_tokens", "reasoning" and "tools"; -m, -s, \
            --temperature and --max-tokens are the defaults for lines that leave them out. "messages" is the \
            OpenAI chat format: content a string or an array of parts ({"type": "text"}, {"type": "image_url", \
            "image_url": {"url": "data:image/png;base64,…"}}), assistant "tool_calls" and "tool" messages with \
            "tool_call_id". "tools" are definitions ({"type": "function", "function": {name, description, \
            parameters}}); a batch runs no tool commands, so calls come back in tool_calls. A malformed line or \
            a duplicate id is reported on stderr with its line number and skipped; the batch goes on. An unknown \
            key is a warning (once per key) and is not sent.

            Each output line is the item's id followed by the same object as ask --json: model (the \
            provider:model that answered), provider, text, reasoning, tool_calls, tool_rounds, finish_reason, \
            usage (with the cached, cache-write and reasoning counts), timing (ttft_ms, first_text_ms, total_ms, \
            tokens_per_s), connection (reused, http_version, …), attempts and error (null when answered, else \
            {message, kind, exit_code, http_status}, with text holding whatever arrived first). A failed item \
            never stops the others. Every line is written the moment it is final, so Ctrl-C or a crash \
            loses nothing finished; Ctrl-C cancels the items in flight (they are not written) and prints the \
            summary. --resume then skips every id already in the output file and sends the rest.

            A progress bar is drawn on stderr when it is a terminal; a summary (counts, latency percentiles, \
            tokens/s, connections opened vs requests) is printed on stderr at the end. Exit status: 0 when \
            every item was answered; 5 when any item failed (its line says why); 2 for bad usage, or when \
            nothing failed but input lines were malformed or duplicated; 130 when interrupted.
            """)

        @OptionGroup var model: ModelOptions

        @Option(name: [.short, .long], help: ArgumentHelp(
            "Write the results to this file (default: stdout).", valueName: "file"), completion: .file())
        var output: String?

        @Option(help: ArgumentHelp("Requests in flight at once, all on one connection pool.", valueName: "n"))
        var concurrency = 4

        @Flag(help: "Write each result as soon as it finishes, instead of in input order.")
        var unordered = false

        @Flag(help: "Skip the ids already in the -o file (after an interrupted run); needs -o.")
        var resume = false

        @Flag(help: "Also record each item in the conversation log (batch results have their own file, so off by default).")
        var log = false

        @Argument(help: ArgumentHelp("The input JSONL file, or - for stdin.", valueName: "file"),
                  completion: .file(extensions: ["jsonl"]))
        var input: String

        func validate() throws {
            let options = BatchOptions(input: input, output: output, concurrency: concurrency, resume: resume)
            if let problem = options.validationError() { throw ValidationError(problem) }
        }

        func run() async throws {
            let runtime = ProcessRuntime()
            defer { runtime.shutdown() }
            var options = BatchOptions(input: input, output: output, concurrency: concurrency, unordered: unordered,
                                       resume: resume, models: model.model, system: model.system,
                                       temperature: model.temperature, maxTokens: model.maxTokens,
                                       stream: !model.noStream,
                                       resilience: model.resilience.overriding(runtime.config.network.resilience))
            options.log = log
            let final = options
            let status = await runtime.runInterruptible {
                await BatchCommand.execute(final, context: runtime.context)
            }
            if status != .success { throw ExitCode(status.rawValue) }
        }
    }
}
