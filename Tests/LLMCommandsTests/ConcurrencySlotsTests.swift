import LLMClient
import Testing

/// The batch's slot counter: first come first served, and every acquire balanced by one release,
/// also when the waiting task is cancelled.
struct ConcurrencySlotsTests {
    @Test func waitersGetFreedSlotsInArrivalOrder() async {
        let slots = ConcurrencySlots(limit: 1)
        #expect(await slots.acquire())
        let order = OrderLog()
        var waiters: [Task<Void, Never>] = []
        for n in 0..<3 {
            waiters.append(Task {
                await slots.acquire()
                await order.append(n)
                slots.release()
            })
            // Each waiter queues before the next one starts.
            while slots.waiting < n + 1 { await Task.yield() }
        }
        slots.release()
        for waiter in waiters { await waiter.value }
        #expect(await order.values == [0, 1, 2])
        #expect(slots.free == 1)
    }

    @Test func aCancelledWaiterStillBalancesItsRelease() async {
        let slots = ConcurrencySlots(limit: 1)
        await slots.acquire()
        let waiter = Task { await slots.acquire() }
        while slots.waiting < 1 { await Task.yield() }
        waiter.cancel()
        #expect(await waiter.value == false, "a cancelled wait ends at once and says so")
        // It holds a slot over the limit: its release and the first holder's bring the count back.
        #expect(slots.free == -1)
        slots.release()
        slots.release()
        #expect(slots.free == 1)
    }

    @Test func aReleaseRacingAQueuedAcquireIsNeverLost() async {
        for _ in 0..<200 {
            let slots = ConcurrencySlots(limit: 1)
            await slots.acquire()
            async let second = slots.acquire()
            slots.release()
            #expect(await second)
            #expect(slots.free == 0)
        }
    }
}

actor OrderLog {
    var values: [Int] = []
    func append(_ value: Int) { values.append(value) }
}
