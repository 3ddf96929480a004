internal import CEditLine
import Foundation

/// Reads lines with libedit: history, Ctrl-R search, Tab completion, bracketed paste, `~/.editrc`.
///
/// The only libedit user. Every libedit call happens on one serial queue, so `el_gets` blocks a thread
/// of its own and never the Swift concurrency pool. libedit's own signal handling (EL_SIGNAL) is off:
/// SIGINT belongs to `InterruptHandler`. At the prompt the terminal's ISIG flag is cleared, so Ctrl-C
/// arrives as a key, bound to a function that abandons the line; during a reply the terminal is back
/// in its normal (cooked) mode, so Ctrl-C is a SIGINT that cancels the request.
///
/// `@unchecked Sendable`: the mutable state lives in `EditorState`, touched only on `queue`.
public final class LineEditor: @unchecked Sendable {
    /// What one read produced.
    public enum Event: Sendable, Equatable {
        case line(String)
        /// Ctrl-C at the prompt: the line was abandoned.
        case interrupted
        /// Ctrl-D on an empty line, or the terminal went away.
        case eof
    }

    /// How to set the editor up.
    public struct Configuration: Sendable {
        /// Set: wins over `~/.editrc`. Nil: emacs, unless `~/.editrc` switches.
        var mode: EditorMode?
        var historySize: Int
        /// Entries to preload, oldest first.
        var history: [String]
        var completer: Completer
        /// Where the prompt and the editing go: stdout on a terminal, else stderr.
        var outputFD: Int32

        /// A configuration; see the properties.
        public init(mode: EditorMode?, historySize: Int, history: [String], completer: Completer, outputFD: Int32) {
            self.mode = mode
            self.historySize = historySize
            self.history = history
            self.completer = completer
            self.outputFD = outputFD
        }
    }

    private let queue = DispatchQueue(label: "llmctl.line-editor")
    private let state: EditorState

    /// Sets libedit up; nil when stdin is not a terminal libedit can drive.
    public init?(_ configuration: Configuration) {
        guard let state = queue.sync(execute: { EditorState(configuration) }) else { return nil }
        self.state = state
    }

    /// Shows `prompt` (which may hold `\u{1}`-delimited escape sequences) and reads one line.
    public func readLine(prompt: String) async -> Event {
        await withCheckedContinuation { continuation in
            queue.async { [state] in continuation.resume(returning: state.read(prompt: prompt)) }
        }
    }

    /// Adds an entry to the in-memory history (Up arrow and Ctrl-R find it).
    public func remember(_ entry: String) {
        queue.async { [state] in state.remember(entry) }
    }

    /// While a reply streams, keys typed ahead stay queued for the next prompt without being echoed
    /// into the reply (Ctrl-C still raises SIGINT). A paste then arrives bracketed, as one message.
    public func setTypeaheadEcho(_ on: Bool) {
        queue.sync { [state] in state.setEcho(on) }
    }

    /// Ends libedit and puts the terminal back exactly as it was found. Safe to call twice.
    public func close() {
        queue.sync { [state] in state.close() }
    }
}

/// libedit's handles and what the C callbacks need; reached from them through EL_CLIENTDATA.
///
/// `@unchecked Sendable`: it crosses to `LineEditor.queue` and is only ever used there.
private final class EditorState: @unchecked Sendable {
    private var el: OpaquePointer?
    private var history: OpaquePointer?
    private var promptBuffer: UnsafeMutablePointer<CChar>
    private let outputFD: Int32
    let completer: Completer
    /// Set by the Ctrl-C binding; tells `read` to discard the line it gets back.
    var interrupted = false
    private let input = TerminalInput(fd: 0)
    /// A paste recognised by `input`, waiting for the paste function to insert it.
    private var pendingPaste = ""
    /// Handed to libedit in place of a paste: a C1 control character no keyboard sends, bound to
    /// `llmctl-paste`. A single key, so no ESC-prefixed binding is needed.
    private static let pasteKey: UInt32 = 0x9D

    init?(_ configuration: EditorState.Configuration) {
        outputFD = configuration.outputFD
        completer = configuration.completer
        promptBuffer = strdup("")
        // libedit decodes input and encodes the line with the C locale; without this, é and emoji break.
        setlocale(LC_CTYPE, "")
        guard isatty(0) == 1, llmctl_guard_install(0) == 0,
              let el = el_init("llmctl", llmctl_std_file(0), llmctl_std_file(outputFD), llmctl_std_file(2)) else {
            llmctl_guard_remove()
            return nil
        }
        self.el = el
        llmctl_el_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        llmctl_el_set_signal(el, 0)
        llmctl_el_set_prompt_esc(el, Self.promptFunction, 1)
        llmctl_el_set_editor(el, (configuration.mode ?? .emacs).rawValue)
        // Ctrl-C must reach us as a key at the prompt (see LineEditor's doc comment).
        llmctl_el_settty(el, "-d", "-isig")

        let history = history_init()
        self.history = history
        var event = HistEvent()
        llmctl_history_setsize(history, &event, Int32(max(1, configuration.historySize)))
        llmctl_history_setunique(history, &event, 1)
        for entry in configuration.history { llmctl_history_enter(history, &event, entry) }
        llmctl_el_set_hist(el, history)

        llmctl_el_add_function(el, "llmctl-complete", "Complete a slash command or its argument", Self.completeFunction)
        llmctl_el_add_function(el, "llmctl-interrupt", "Abandon the line (Ctrl-C)", Self.interruptFunction)
        llmctl_el_add_function(el, "llmctl-paste", "Insert bracketed-paste text as is", Self.pasteFunction)
        llmctl_el_set_getcfn(el, Self.readFunction)
        // Functions first, so ~/.editrc may bind them to other keys too.
        el_source(el, nil)
        if let forced = configuration.mode, currentMode(el) != forced.rawValue {
            llmctl_el_set_editor(el, forced.rawValue)
        }
        // After ~/.editrc, because `bind -e` / `bind -v` there reset the whole key map; Ctrl-C, Tab and
        // paste must keep working whatever it says.
        bindKeys(el)
        // On for the whole session (the guard turns it off on every exit), so text pasted while a
        // reply streams is still recognisable as one paste at the next prompt.
        write("\u{1B}[?2004h")
    }

    typealias Configuration = LineEditor.Configuration

    private func currentMode(_ el: OpaquePointer) -> String {
        var mode: UnsafePointer<CChar>?
        llmctl_el_get_editor(el, &mode)
        return mode.map { String(cString: $0) } ?? ""
    }

    private func bindKeys(_ el: OpaquePointer) {
        llmctl_el_bind(el, "^I", "llmctl-complete")
        llmctl_el_bind(el, "^C", "llmctl-interrupt")
        llmctl_el_bind_alt(el, "^C", "llmctl-interrupt")
        let pasteKey = String(Character(Unicode.Scalar(Self.pasteKey)!))
        llmctl_el_bind(el, pasteKey, "llmctl-paste")
        llmctl_el_bind_alt(el, pasteKey, "llmctl-paste")
        llmctl_el_bind(el, "^R", "em-inc-search-prev")
        guard currentMode(el) == "emacs" else { return }
        // Word motion as most terminals send Ctrl/Alt + arrows. Not in vi mode: an ESC-prefixed
        // binding in the insert map would make ESC wait for the rest of a sequence.
        for key in ["\\e[1;5D", "\\e[1;3D"] { llmctl_el_bind(el, key, "ed-prev-word") }
        for key in ["\\e[1;5C", "\\e[1;3C"] { llmctl_el_bind(el, key, "em-next-word") }
        llmctl_el_bind(el, "^W", "ed-delete-prev-word")
    }

    func read(prompt: String) -> LineEditor.Event {
        guard let el else { return .eof }
        setPrompt(prompt)
        interrupted = false
        // EL_SIGNAL is off, so libedit does not follow SIGWINCH; pick up the width before each prompt.
        el_resize(el)
        var count: Int32 = 0
        var line: UnsafePointer<CChar>?
        for _ in 0..<8 {
            line = el_gets(el, &count)
            if line != nil || count != -1 || errno != EINTR { break }
        }
        if interrupted { return .interrupted }
        guard let line, count > 0 else { return .eof }
        var text = String(cString: line)
        if text.hasSuffix("\n") { text.removeLast() }
        return .line(text)
    }

    func setEcho(_ on: Bool) {
        var attributes = termios()
        guard el != nil, tcgetattr(0, &attributes) == 0 else { return }
        if on { attributes.c_lflag |= tcflag_t(ECHO) } else { attributes.c_lflag &= ~tcflag_t(ECHO) }
        tcsetattr(0, TCSANOW, &attributes)
    }

    func remember(_ entry: String) {
        guard let history else { return }
        var event = HistEvent()
        llmctl_history_enter(history, &event, entry)
    }

    func close() {
        if let el { el_end(el) }
        if let history { history_end(history) }
        el = nil
        history = nil
        llmctl_guard_remove()
    }

    deinit {
        close()
        free(promptBuffer)
    }

    private func setPrompt(_ prompt: String) {
        free(promptBuffer)
        promptBuffer = strdup(prompt)
    }

    fileprivate func write(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(outputFD, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { if n < 0, errno == EINTR { continue }; return }
                offset += n
            }
        }
    }

    fileprivate static func from(_ el: OpaquePointer?) -> EditorState? {
        guard let el, let raw = llmctl_el_get_clientdata(el) else { return nil }
        return Unmanaged<EditorState>.fromOpaque(raw).takeUnretainedValue()
    }

    // C callbacks: capture nothing, find the state through EL_CLIENTDATA.

    private static let promptFunction: llmctl_el_prompt_fn = { el in
        from(el)?.promptBuffer
    }

    private static let interruptFunction: llmctl_el_command_fn = { el, _ in
        guard let el, let state = from(el) else { return UInt8(CC_ERROR) }
        state.interrupted = true
        // Leave what was typed on screen with ^C after it, as shells do, and end the line.
        llmctl_el_cursor_to_end(el)
        el_insertstr(el, "^C")
        el_push(el, "\n")
        return UInt8(CC_REFRESH)
    }

    private static let completeFunction: llmctl_el_command_fn = { el, _ in
        guard let el, let state = from(el) else { return UInt8(CC_ERROR) }
        var cursor: Int32 = 0, length: Int32 = 0
        let buffer = llmctl_el_line_buffer(el, &cursor, &length)
        let before = buffer.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: Int(cursor)), as: UTF8.self) } ?? ""
        guard let completion = state.completer.complete(before) else { return UInt8(CC_NORM) }
        switch completion.action {
        case .none:
            return UInt8(CC_REFRESH_BEEP)
        case .insert(let text):
            el_insertstr(el, text)
            return UInt8(CC_REFRESH)
        case .list(let items):
            state.write("\n" + CompletionList.format(items, width: state.terminalWidth()) + "\n")
            return UInt8(CC_REDISPLAY)
        }
    }

    private static let pasteFunction: llmctl_el_command_fn = { el, _ in
        guard let el, let state = from(el) else { return UInt8(CC_ERROR) }
        let text = state.pendingPaste
        state.pendingPaste = ""
        if !text.isEmpty { el_insertstr(el, text) }
        return UInt8(CC_REFRESH)
    }

    /// libedit's character source (EL_GETCFN): 1 with a character, 0 at end of input, -1 on error.
    private static let readFunction: llmctl_el_getc_fn = { el, out in
        guard let el, let out, let state = from(el) else { return -1 }
        switch state.input.next() {
        case .scalar(let value):
            out.pointee = wchar_t(bitPattern: value)
            return 1
        case .paste(let text):
            state.pendingPaste = text
            out.pointee = wchar_t(bitPattern: pasteKey)
            return 1
        case .eof:
            return 0
        case .failure(let code):
            errno = code
            return -1
        }
    }

    fileprivate func terminalWidth() -> Int {
        TerminalCapabilities.columns(of: outputFD) ?? 80
    }
}
