import LLMCore
import Synchronization
import Foundation
import HTTPMessage

/// The time limits of one attempt: the policy's per-attempt limits plus the whole call's deadline.
public struct AttemptLimits: Sendable, Hashable {
    /// Overrides `TransferOptions.connectTimeout` when set.
    public var connect: Duration?
    /// From the attempt's start to its first text delta.
    public var firstToken: Duration?
    /// The longest gap between chunks once text has started.
    public var idle: Duration?
    /// When the whole call must be over (the total limit, measured from the call's start).
    public var deadline: ContinuousClock.Instant?
    /// The total limit the deadline came from, for the message.
    public var total: Duration?

    public init(connect: Duration? = nil, firstToken: Duration? = nil, idle: Duration? = nil,
                deadline: ContinuousClock.Instant? = nil, total: Duration? = nil) {
        self.connect = connect
        self.firstToken = firstToken
        self.idle = idle
        self.deadline = deadline
        self.total = total
    }

    /// No limits beyond the transfer options: what `ChatClient.send` did before timeouts existed.
    public static let none = AttemptLimits()

    /// The limits of `policy` for an attempt of a call that started at `callStart`.
    public init(_ policy: TimeoutPolicy, callStart: ContinuousClock.Instant) {
        self.init(connect: policy.connect ?? .seconds(300), firstToken: policy.firstToken, idle: policy.idle,
                  deadline: policy.total.map { callStart + $0 }, total: policy.total)
    }

    /// Whether anything needs watching while the reply streams.
    func needsWatchdog(streaming: Bool) -> Bool {
        deadline != nil || (streaming && (firstToken != nil || idle != nil))
    }
}

/// Watches one attempt's progress and throws `TimeoutError` when a limit passes.
///
/// It runs as a child task racing the stream; when it throws, the task group cancels the stream task,
/// which cancels the transfer through its scope (libcurl removes it within milliseconds).
final class TimeoutWatchdog: Sendable {
    private struct Progress {
        var lastActivity: ContinuousClock.Instant
        var sawDelta = false
    }

    private let limits: AttemptLimits
    private let streaming: Bool
    private let start: ContinuousClock.Instant
    private let host: String
    private let progress: Mutex<Progress>

    init(limits: AttemptLimits, streaming: Bool, start: ContinuousClock.Instant, host: String) {
        self.limits = limits
        self.streaming = streaming
        self.start = start
        self.host = host
        self.progress = Mutex(Progress(lastActivity: start))
    }

    /// Bytes arrived.
    func sawBytes(at now: ContinuousClock.Instant = .now) {
        progress.withLock { $0.lastActivity = now }
    }

    /// A delta (text, reasoning or a tool call) was delivered: the first-token limit is met and the idle limit takes over.
    func sawDelta(at now: ContinuousClock.Instant = .now) {
        progress.withLock {
            $0.sawDelta = true
            $0.lastActivity = now
        }
    }

    /// Sleeps until the nearest limit; throws `TimeoutError` once one has passed, `CancellationError`
    /// when the attempt ends first.
    func watch() async throws {
        while true {
            let now = ContinuousClock.now
            let next = nextDeadline()
            if let next, now >= next.due { throw error(next.kind) }
            // The idle limit starts with the first delta, which does not wake this task: until then,
            // look again every tenth of the idle limit so it is never more than 10% late.
            let sawDelta = progress.withLock { $0.sawDelta }
            let recheck = streaming && !sawDelta ? limits.idle.map { now + $0 / 10 } : nil
            let wake = [next?.due, recheck].compactMap { $0 }.min() ?? now + .seconds(86_400)
            try await Task.sleep(until: wake, clock: .continuous)
        }
    }

    /// The nearest limit still running and which one it is.
    private func nextDeadline() -> (due: ContinuousClock.Instant, kind: TimeoutKind)? {
        let p = progress.withLock { $0 }
        var candidates: [(ContinuousClock.Instant, TimeoutKind)] = []
        if streaming {
            if !p.sawDelta, let firstToken = limits.firstToken { candidates.append((start + firstToken, .firstToken)) }
            if p.sawDelta, let idle = limits.idle { candidates.append((p.lastActivity + idle, .idle)) }
        }
        if let deadline = limits.deadline { candidates.append((deadline, .total)) }
        return candidates.min { $0.0 < $1.0 }.map { (due: $0.0, kind: $0.1) }
    }

    private func error(_ kind: TimeoutKind) -> TimeoutError {
        switch kind {
        case .firstToken:
            TimeoutError(.firstToken, seconds: (limits.firstToken ?? .zero).milliseconds / 1000,
                         hint: "without a token from \(host)")
        case .idle:
            TimeoutError(.idle, seconds: (limits.idle ?? .zero).milliseconds / 1000,
                         hint: "without data from \(host) after the reply started")
        case .total, .connect:
            TimeoutError(.total, seconds: (limits.total ?? .zero).milliseconds / 1000,
                         hint: "before the reply was complete")
        }
    }

    /// Runs `body` raced against `watchdog` (when there is one): the first to finish wins, the other is
    /// cancelled and awaited.
    static func race<R: Sendable>(_ watchdog: TimeoutWatchdog?,
                                  _ body: @escaping @Sendable () async throws -> R) async throws -> R {
        guard let watchdog else { return try await body() }
        return try await withThrowingTaskGroup(of: R?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await watchdog.watch()
                return nil
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let value = next { return value }
            }
            throw CancellationError()
        }
    }
}

extension Endpoint {
    /// `host[:port]` of the base URL, for messages (never the path, which may hold a key).
    var hostForMessages: String { URLParts.authority(of: baseURL) }
}
