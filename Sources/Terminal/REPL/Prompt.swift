/// Colours for the REPL, off when the user asked for none (option, NO_COLOR) or the terminal is dumb.
struct Style: Sendable {
    var enabled: Bool

    init(enabled: Bool) { self.enabled = enabled }

    init(options: REPLOptions, environment: [String: String], isTTY: Bool) {
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        enabled = options.color && isTTY && !noColor && environment["TERM"] != "dumb"
    }

    func dim(_ text: String) -> String { wrap(text, "2") }
    func red(_ text: String) -> String { wrap(text, "31") }
    func yellow(_ text: String) -> String { wrap(text, "33") }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// `openai:gpt-4o-mini> ` with the model in bold cyan. Escape sequences are fenced by \u{1}, the
    /// delimiter set with EL_PROMPT_ESC, so libedit does not count them as visible width.
    func prompt(model: String) -> String {
        guard enabled else { return model + "> " }
        return "\u{1}\u{1B}[1;36m\u{1}\(model)\u{1}\u{1B}[0m\u{1}> "
    }

    /// The prompt while a `"""` block or a `\` continuation is open.
    func continuationPrompt(_ pending: MultilineAssembler.Pending) -> String {
        guard enabled else { return "... " }
        return "\u{1}\u{1B}[2m\u{1}...\u{1}\u{1B}[0m\u{1} "
    }
}
