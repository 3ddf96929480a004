import Foundation

/// What the terminal can do, read in one place: which streams are terminals, whether colour is wanted
/// on each, and how wide the terminal is. Every command and the REPL ask this instead of the system.
public struct TerminalCapabilities: Sendable {
    public var stdinIsTTY: Bool
    public var stdoutIsTTY: Bool
    public var stderrIsTTY: Bool
    /// Colour on stdout / stderr: on a terminal unless `NO_COLOR` is set or `TERM=dumb`;
    /// `CLICOLOR_FORCE` turns it on even in a pipe.
    public var stdoutColor: Bool
    public var stderrColor: Bool
    private var readWidth: @Sendable () -> Int?

    /// Explicit capabilities (tests); `width` is the terminal's width in columns.
    public init(stdinIsTTY: Bool = false, stdoutIsTTY: Bool = false, stderrIsTTY: Bool = false,
                stdoutColor: Bool = false, stderrColor: Bool = false, width: Int = 80) {
        self.stdinIsTTY = stdinIsTTY
        self.stdoutIsTTY = stdoutIsTTY
        self.stderrIsTTY = stderrIsTTY
        self.stdoutColor = stdoutColor
        self.stderrColor = stderrColor
        self.readWidth = { width }
    }

    /// The process's own terminal, from its descriptors and the colour variables in `environment`.
    public static func detect(environment: [String: String], stdin: Int32 = 0, stdout: Int32 = 1,
                              stderr: Int32 = 2) -> TerminalCapabilities {
        var caps = TerminalCapabilities(stdinIsTTY: isatty(stdin) == 1, stdoutIsTTY: isatty(stdout) == 1,
                                        stderrIsTTY: isatty(stderr) == 1)
        caps.stdoutColor = colorWanted(isTTY: caps.stdoutIsTTY, environment: environment)
        caps.stderrColor = colorWanted(isTTY: caps.stderrIsTTY, environment: environment)
        let columns = environment["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        caps = caps.withWidth {
            // Read on every call: the window can be resized while a reply streams.
            [stdout, stderr].lazy.compactMap(columns(of:)).first ?? columns
        }
        return caps
    }

    /// The width of the terminal `fd` refers to, in columns; nil when it is not a terminal. The one
    /// place that asks the system (the line editor asks it for its own descriptor).
    public static func columns(of fd: Int32) -> Int? {
        guard isatty(fd) == 1 else { return nil }
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// The colour rule shared by every output: `NO_COLOR` (non-empty) and `TERM=dumb` turn colour off,
    /// `CLICOLOR_FORCE` (non-empty, not `0`) turns it on, otherwise colour follows the terminal.
    public static func colorWanted(isTTY: Bool, environment: [String: String]) -> Bool {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if let force = environment["CLICOLOR_FORCE"], !force.isEmpty, force != "0" { return true }
        return isTTY && environment["TERM"] != "dumb"
    }

    /// The terminal's width in columns; 80 when it cannot be known.
    public var width: Int { readWidth() ?? 80 }

    private func withWidth(_ read: @escaping @Sendable () -> Int?) -> TerminalCapabilities {
        var copy = self
        copy.readWidth = read
        return copy
    }
}
