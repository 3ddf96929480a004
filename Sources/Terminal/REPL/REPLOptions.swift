/// libedit's key maps.
public enum EditorMode: String, Sendable, CaseIterable, Codable {
    case emacs, vi
}

/// REPL preferences the config file can set; every field has a built-in default.
public struct REPLOptions: Sendable, Hashable {
    /// Print the dim one-line timing summary after each reply.
    public var summary: Bool
    /// The key map; when set it wins over `~/.editrc`, when nil emacs unless `~/.editrc` says `bind -v`.
    public var editorMode: EditorMode?
    /// Most history entries kept on disk and in memory.
    public var historySize: Int
    /// Keep history across runs at all (off: nothing is read or written).
    public var saveHistory: Bool
    /// Colour the prompt and dim the summaries (also off when NO_COLOR is set or TERM=dumb).
    public var color: Bool

    public init(summary: Bool = true, editorMode: EditorMode? = nil, historySize: Int = 1000,
                saveHistory: Bool = true, color: Bool = true) {
        self.summary = summary
        self.editorMode = editorMode
        self.historySize = historySize
        self.saveHistory = saveHistory
        self.color = color
    }
}
