import Synchronization

/// A counting semaphore for requests in flight: `acquire` waits (first come, first served) until one
/// of `limit` slots is free. `batch` holds one per item; a request that waits for a circuit's probe
/// lends its slot back meanwhile, so items of a failing model never keep healthy ones from starting.
public final class ConcurrencySlots: Sendable {
    private struct State {
        var free: Int
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, Never>)] = []
        var nextID: UInt64 = 0
    }
    private let state: Mutex<State>

    public init(limit: Int) {
        state = Mutex(State(free: max(limit, 1)))
    }

    /// Slots free right now (negative while a cancelled waiter holds one over the limit).
    public var free: Int { state.withLock { $0.free } }

    /// Tasks waiting for a slot right now.
    public var waiting: Int { state.withLock { $0.waiters.count } }

    /// Takes a slot, waiting for one. Cancellation ends the wait at once and still counts the slot as
    /// taken (over the limit), so every `acquire` is balanced by exactly one `release`; returns false then.
    @discardableResult
    public func acquire() async -> Bool {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                // One decision under the lock: a release between here and the append cannot be missed.
                let resumeNow = state.withLock { state -> Bool in
                    if Task.isCancelled || (state.free > 0 && state.waiters.isEmpty) {
                        state.free -= 1
                        return true
                    }
                    state.waiters.append((id, continuation))
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                state.free -= 1
                return state.waiters.remove(at: index).continuation
            }
            continuation?.resume()
        }
        return !Task.isCancelled
    }

    /// Gives a slot back: to the longest waiter, else to the pool.
    public func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiters.isEmpty {
                state.free += 1
                return nil
            }
            return state.waiters.removeFirst().continuation
        }
        next?.resume()
    }
}
