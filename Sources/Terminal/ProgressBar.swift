import Foundation
import Synchronization
import LLMCore

/// The numbers a progress line shows, at one moment.
public struct ProgressSnapshot: Sendable, Hashable {
    public var total: Int
    /// Finished items, failed ones included.
    public var done = 0
    public var failed = 0
    public var inFlight = 0
    /// Text deltas received so far (a delta is about one token), for the live rate.
    public var tokens = 0
    public var elapsed: Duration = .zero

    /// A snapshot; only `total` is required.
    public init(total: Int, done: Int = 0, failed: Int = 0, inFlight: Int = 0, tokens: Int = 0, elapsed: Duration = .zero) {
        self.total = total
        self.done = done
        self.failed = failed
        self.inFlight = inFlight
        self.tokens = tokens
        self.elapsed = elapsed
    }
}

/// Renders a one-line progress bar: `[████░░░░] 120/200 · 3 failed · 16 in flight · 850 tok/s · ETA 4 s`.
public enum ProgressBar {
    /// The line for `snapshot`, at most `width` characters.
    public static func render(_ s: ProgressSnapshot, width: Int) -> String {
        var parts = ["\(s.done)/\(s.total)"]
        if s.failed > 0 { parts.append("\(s.failed) failed") }
        parts.append("\(s.inFlight) in flight")
        let seconds = s.elapsed.milliseconds / 1000
        if seconds > 0, s.tokens > 0 { parts.append("\(Int((Double(s.tokens) / seconds).rounded())) tok/s") }
        if let eta = eta(s) { parts.append("ETA " + clock(eta)) }
        let text = parts.joined(separator: " · ")
        // Whatever room is left, up to 30 cells, is the bar; below 8 cells it is left out.
        let room = min(30, width - text.count - 3)
        guard room >= 8 else { return String(text.prefix(max(0, width))) }
        let filled = s.total > 0 ? min(room, room * s.done / s.total) : 0
        return "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: room - filled) + "] " + text
    }

    /// Seconds left at the pace so far; nil until something finished (or when all did).
    static func eta(_ s: ProgressSnapshot) -> Double? {
        let seconds = s.elapsed.milliseconds / 1000
        guard s.done > 0, s.done < s.total, seconds > 0 else { return nil }
        return seconds / Double(s.done) * Double(s.total - s.done)
    }

    /// `4 s`, `2:05`, `1:02:05`.
    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        if s < 60 { return "\(s) s" }
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        if s < 3600 { return "\(s / 60):\(two(s % 60))" }
        return "\(s / 3600):\(two(s / 60 % 60)):\(two(s % 60))"
    }
}

/// Keeps the live counts of a batch and redraws its progress line on stderr in place, at most
/// ten times a second, and only when something changed. Only used when stderr is a terminal.
public final class ProgressReporter: Sendable {
    private let console: Console
    private let state: Mutex<ProgressSnapshot>
    private let started = ContinuousClock.now
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// A reporter for `total` items; nothing is drawn until `start()`.
    public init(console: Console, total: Int) {
        self.console = console
        state = Mutex(ProgressSnapshot(total: total))
    }

    /// Applies a change to the counts (from any task).
    public func update(_ change: (inout ProgressSnapshot) -> Void) {
        state.withLock { change(&$0) }
    }

    /// Starts redrawing.
    public func start() {
        let redraw = Task { [self] in
            var shown: ProgressSnapshot?
            var drawnAt = ContinuousClock.now
            while !Task.isCancelled {
                let counts = state.withLock { $0 }
                let now = ContinuousClock.now
                // Redraw on a change, and once a second anyway so the rate and ETA stay current.
                if counts != shown || now - drawnAt >= .seconds(1) {
                    var snapshot = counts
                    snapshot.elapsed = now - started
                    console.err("\r\u{1B}[2K" + ProgressBar.render(snapshot, width: console.terminal.width - 1))
                    shown = counts
                    drawnAt = now
                }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        task.withLock { $0 = redraw }
    }

    /// Stops redrawing and erases the line, so the summary starts on a clean one.
    public func stop() async {
        let running = task.withLock { t -> Task<Void, Never>? in defer { t = nil }; return t }
        guard let running else { return }
        running.cancel()
        await running.value
        console.err("\r\u{1B}[2K")
    }
}
