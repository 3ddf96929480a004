/// A one-shot signal a test waits for with a deadline, instead of sleeping and hoping the other side
/// got there in time.
final class Signal: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Fires the signal; firing again is harmless.
    func fire() { continuation.yield() }

    /// Gives up on firing (the task that would have fired it ended): a waiter stops waiting at once.
    func abandon() { continuation.finish() }

    /// True when the signal fired before `deadline`; false when it was abandoned or the deadline passed.
    /// The deadline only bounds a failing test: a passing one returns as soon as the signal fires.
    func wait(deadline: Duration = .seconds(10)) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { [stream] in
                for await _ in stream { return true }
                return false
            }
            group.addTask {
                try? await Task.sleep(for: deadline)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}
