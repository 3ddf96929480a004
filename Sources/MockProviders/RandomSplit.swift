import LoopbackServer

/// `splitWrites`: every write cut into pieces of 1…`maxBytes` bytes at random, the same pattern for
/// the same seed (the request's serial) from run to run.
struct RandomSplit: WriteSplitter {
    private var rng: SplitMix64
    private let maxBytes: Int

    init(maxBytes: Int, seed: UInt64) {
        self.maxBytes = max(1, maxBytes)
        rng = SplitMix64(seed: seed)
    }

    mutating func nextPiece(remaining: Int) -> Int {
        1 + Int(rng.next() % UInt64(maxBytes))
    }
}

/// A small deterministic PRNG, so split-write patterns repeat from run to run.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
