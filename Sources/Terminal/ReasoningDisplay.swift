/// Where a reply's reasoning goes: `--hide-reasoning`, `--show-reasoning`, or the default (shown dim
/// above the answer on a terminal, left out of a pipe so stdout carries only the answer).
public enum ReasoningDisplay: String, Sendable, Hashable, CaseIterable {
    /// On a terminal: on stdout, dim, above the answer. In a pipe: hidden.
    case auto
    /// Never shown (still in `--json` and the session).
    case hide
    /// Always shown: on a terminal as `auto`; in a pipe on stderr, so stdout stays the answer.
    case show
}
