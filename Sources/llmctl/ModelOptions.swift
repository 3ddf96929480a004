import ArgumentParser
import Terminal

/// Options shared by every command that sends prompts.
struct ModelOptions: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp(
        "Model as provider:model (repeat for fallback). Default: $LLMCTL_MODEL, the config file, the first provider with credentials, else the offline model.",
        valueName: "provider:model"))
    var model: [String] = []

    @Option(name: [.short, .long], help: "System prompt.")
    var system: String?

    @Option(help: ArgumentHelp("Sampling temperature (0-2).", valueName: "t"))
    var temperature: Double?

    @Option(name: .customLong("max-tokens"), help: ArgumentHelp("Maximum tokens to generate.", valueName: "n"))
    var maxTokens: Int?

    @Flag(name: .customLong("no-stream"), help: "Wait for the whole reply instead of streaming it.")
    var noStream = false

    func validate() throws {
        if let t = temperature, !(0...2).contains(t) {
            throw ValidationError("--temperature must be between 0 and 2 (got \(t))")
        }
        if let n = maxTokens, n < 1 {
            throw ValidationError("--max-tokens must be at least 1 (got \(n))")
        }
    }

    func askOptions(words: [String], json: Bool, stats: Bool) -> AskOptions {
        AskOptions(models: model, system: system, temperature: temperature, maxTokens: maxTokens,
                   stream: !noStream, json: json, stats: stats, promptWords: words)
    }
}
