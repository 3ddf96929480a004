import ArgumentParser
import LLMCommands
import LLMCore
import Terminal

/// Reasoning, images and files: what `ask`, `compare` and the REPL send besides the prompt.
struct PromptFlags: ParsableArguments {
    @Option(help: ArgumentHelp(
        "How much the model reasons: off, low, medium, high, or a budget in tokens.", valueName: "level"))
    var reasoning: String?

    @Option(name: [.customShort("a"), .customLong("attach")], help: ArgumentHelp(
        "Attach an image (png, jpeg, gif, webp; repeatable).", valueName: "path"))
    var attachments: [String] = []

    @Option(name: [.customShort("f"), .customLong("file")], help: ArgumentHelp(
        "Add a text file, or a folder's text files, to the prompt (repeatable).", valueName: "path"))
    var files: [String] = []

    func validate() throws {
        if let reasoning, ReasoningSetting(reasoning) == nil {
            throw ValidationError("--reasoning must be off, low, medium, high or a token budget like 2048 (got '\(reasoning)')")
        }
    }
}

/// `PromptFlags` plus how reasoning is shown and the tools offered: `ask` and the REPL.
struct RichFlags: ParsableArguments {
    @OptionGroup var prompt: PromptFlags

    @Flag(name: .customLong("hide-reasoning"), help: "Do not show the model's reasoning (it is still in --json).")
    var hideReasoning = false

    @Flag(name: .customLong("show-reasoning"), help: "Show the model's reasoning even in a pipe (on stderr).")
    var showReasoning = false

    @Option(name: .customLong("tool"), help: ArgumentHelp(
        "Offer a tool: a JSON definition file, or the name of a [tools.NAME] in the config (repeatable).",
        valueName: "file|name"))
    var tools: [String] = []

    @Option(name: .customLong("max-tool-rounds"), parsing: .unconditional, help: ArgumentHelp(
        "Most rounds of tool calls before llmctl stops the model (default 8).", valueName: "n"))
    var maxToolRounds: Int?

    func validate() throws {
        if hideReasoning, showReasoning {
            throw ValidationError("--hide-reasoning and --show-reasoning contradict each other; give one")
        }
        if let maxToolRounds, maxToolRounds < 1 {
            throw ValidationError("--max-tool-rounds must be at least 1 (got \(maxToolRounds))")
        }
    }

    var options: RichOptions {
        RichOptions(reasoning: prompt.reasoning.flatMap(ReasoningSetting.init),
                    reasoningDisplay: hideReasoning ? .hide : showReasoning ? .show : .auto,
                    tools: tools, maxToolRounds: maxToolRounds, attachments: prompt.attachments, files: prompt.files)
    }
}

extension PromptFlags {
    var options: RichOptions {
        RichOptions(reasoning: reasoning.flatMap(ReasoningSetting.init), attachments: attachments, files: files)
    }
}
