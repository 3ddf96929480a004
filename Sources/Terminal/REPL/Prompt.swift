/// Colours for the REPL, off when the user asked for none (option) or the terminal takes none
/// (`TerminalCapabilities`: NO_COLOR, TERM=dumb, not a terminal).
public struct Style: Sendable {
    public var enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    /// The REPL's colours: the `color` option and stderr's capabilities (summaries and notes go there).
    public init(options: REPLOptions, terminal: TerminalCapabilities) {
        enabled = options.color && terminal.stderrColor
    }

    public func dim(_ text: String) -> String { wrap(text, "2") }
    public func red(_ text: String) -> String { wrap(text, "31") }
    public func yellow(_ text: String) -> String { wrap(text, "33") }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// `openai:gpt-4o-mini> ` with the model in bold cyan. Escape sequences are fenced by \u{1}, the
    /// delimiter set with EL_PROMPT_ESC, so libedit does not count them as visible width.
    public func prompt(model: String) -> String {
        guard enabled else { return model + "> " }
        return "\u{1}\u{1B}[1;36m\u{1}\(model)\u{1}\u{1B}[0m\u{1}> "
    }

    /// The prompt while a `"""` block or a `\` continuation is open.
    public func continuationPrompt(_ pending: MultilineAssembler.Pending) -> String {
        guard enabled else { return "... " }
        return "\u{1}\u{1B}[2m\u{1}...\u{1}\u{1B}[0m\u{1} "
    }
}
