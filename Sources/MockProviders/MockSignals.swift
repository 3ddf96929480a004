import Synchronization

/// Lets a test await a condition on the server's counters (requests arrived, clients gone early)
/// instead of sleeping for a guessed time: connection threads call `changed()` after each event,
/// and every wait has a deadline so no test can hang on it.
final class MockSignals: Sendable {
    private struct Waiter {
        let id: Int
        let condition: @Sendable () -> Bool
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var nextID = 0
        var waiters: [Waiter] = []
    }

    private let state = Mutex(State())

    /// Re-checks every waiting condition and resumes the ones that now hold.
    func changed() {
        let ready = state.withLock { state -> [Waiter] in
            let ready = state.waiters.filter { $0.condition() }
            state.waiters.removeAll { waiter in ready.contains { $0.id == waiter.id } }
            return ready
        }
        for waiter in ready { waiter.continuation.resume(returning: true) }
    }

    /// Waits until `condition` holds (true) or `timeout` passes or the task is cancelled (false).
    func wait(timeout: Duration, until condition: @escaping @Sendable () -> Bool) async -> Bool {
        if condition() { return true }
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            self?.expire(id)
        }
        defer { timer.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let settled: Bool? = state.withLock { state in
                    if condition() { return true }
                    if Task.isCancelled { return false }
                    state.waiters.append(Waiter(id: id, condition: condition, continuation: continuation))
                    return nil
                }
                if let settled { continuation.resume(returning: settled) }
            }
        } onCancel: {
            expire(id)
        }
    }

    /// Ends the wait `id` with false if it is still waiting.
    private func expire(_ id: Int) {
        let waiter = state.withLock { state -> Waiter? in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index)
        }
        waiter?.continuation.resume(returning: false)
    }
}
