import Testing
@testable import Terminal

@Suite struct ProgressBarTests {
    @Test func progressLine() {
        let s = ProgressSnapshot(total: 200, done: 50, failed: 3, inFlight: 16, tokens: 1000, elapsed: .seconds(10))
        #expect(ProgressBar.render(s, width: 100)
            == "[" + String(repeating: "█", count: 7) + String(repeating: "░", count: 23) + "] 50/200 · 3 failed · 16 in flight · 100 tok/s · ETA 30 s")
        // Too narrow for a bar: the numbers alone, cut to the width.
        #expect(ProgressBar.render(s, width: 20) == "50/200 · 3 failed · ")
        #expect(ProgressBar.clock(125) == "2:05")
        #expect(ProgressBar.clock(3725) == "1:02:05")
        #expect(ProgressBar.eta(ProgressSnapshot(total: 10)) == nil)
    }
}
