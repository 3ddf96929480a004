import ArgumentParser
import LLMCommands
import LLMCore
import Terminal

/// Options shared by every command that sends prompts.
struct ModelOptions: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp(
        "Model as provider:model (repeat for fallback). Default: $LLMCTL_MODEL, the config file, the first provider with credentials, else the offline model.",
        valueName: "provider:model"))
    var model: [String] = []

    @Option(name: [.short, .long], help: "System prompt.")
    var system: String?

    // `.unconditional`: `--max-tokens -1` is a value that validation rejects by name, not "missing value".
    @Option(parsing: .unconditional, help: ArgumentHelp("Sampling temperature (0-2).", valueName: "t"))
    var temperature: Double?

    @Option(name: .customLong("max-tokens"), parsing: .unconditional, help: ArgumentHelp("Maximum tokens to generate.", valueName: "n"))
    var maxTokens: Int?

    @Flag(name: .customLong("no-stream"), help: "Wait for the whole reply instead of streaming it.")
    var noStream = false

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Retries after a failed attempt (default 2: up to 3 attempts). Only failures before the first token are retried: HTTP 408, 409, 429, 500, 502, 503, 504, 529 and connection errors; waits follow retry-after, else exponential backoff with jitter.",
        valueName: "n"))
    var retries: Int?

    @Option(name: .customLong("connect-timeout"), parsing: .unconditional, help: ArgumentHelp(
        "Seconds to connect (DNS, TCP, TLS); default 10, 0 = libcurl's 300.", valueName: "s"))
    var connectTimeout: Double?

    @Option(name: .customLong("first-token-timeout"), parsing: .unconditional, help: ArgumentHelp(
        "Seconds from sending an attempt to its first text token; default 60, 0 = none. Retried when it fires.",
        valueName: "s"))
    var firstTokenTimeout: Double?

    @Option(name: .customLong("idle-timeout"), parsing: .unconditional, help: ArgumentHelp(
        "Longest gap in seconds between chunks once text has started; default 30, 0 = none. Not retried.",
        valueName: "s"))
    var idleTimeout: Double?

    @Option(name: .customLong("timeout"), parsing: .unconditional, help: ArgumentHelp(
        "Total seconds for the whole request, retries and fallback models included; default 0 = none.",
        valueName: "s"))
    var totalTimeout: Double?

    @Option(name: .customLong("max-retry-wait"), parsing: .unconditional, help: ArgumentHelp(
        "Most seconds all retry waits may add up to (default 60); a longer retry-after is not honoured.",
        valueName: "s", visibility: .hidden))
    var maxRetryWait: Double?

    @Option(name: .customLong("breaker-threshold"), parsing: .unconditional, help: ArgumentHelp(
        "Consecutive failed attempts that open an endpoint's circuit (default 5, 0 = off).",
        valueName: "n", visibility: .hidden))
    var breakerThreshold: Int?

    @Option(name: .customLong("breaker-cooldown"), parsing: .unconditional, help: ArgumentHelp(
        "Seconds an open circuit fails fast before one probe request (default 30).",
        valueName: "s", visibility: .hidden))
    var breakerCooldown: Double?

    @Flag(name: .customLong("no-breaker"), help: "Never fail fast on an open circuit (the same as breaker_threshold = 0).")
    var noBreaker = false

    /// The resilience flags as a settings layer (nil = not given, so config and defaults apply).
    /// `AskCommand` validates them, so a bad value is one line on stderr and exit 2.
    var resilience: ResilienceSettings {
        ResilienceSettings(retries: retries, connectTimeout: connectTimeout, firstTokenTimeout: firstTokenTimeout,
                           idleTimeout: idleTimeout, totalTimeout: totalTimeout, maxRetryWait: maxRetryWait,
                           breakerThreshold: noBreaker ? 0 : breakerThreshold, breakerCooldown: breakerCooldown)
    }

    func validate() throws {
        if let t = temperature, !(0...2).contains(t) {
            throw ValidationError("--temperature must be between 0 and 2 (got \(t))")
        }
        if noBreaker, let threshold = breakerThreshold, threshold > 0 {
            throw ValidationError("--no-breaker and --breaker-threshold \(threshold) contradict each other; give one")
        }
        if let n = maxTokens, n < 1 {
            throw ValidationError("--max-tokens must be at least 1 (got \(n))")
        }
    }

    /// What `ask` runs: these flags over the config file's `[network]` settings and `fallback` list.
    func askOptions(words: [String], json: Bool, stats: Bool, config: LLMConfig) -> AskOptions {
        AskOptions(models: model, system: system, temperature: temperature, maxTokens: maxTokens,
                   stream: !noStream, json: json, stats: stats, promptWords: words,
                   resilience: resilience.overriding(config.network.resilience), fallback: config.fallback)
    }
}
