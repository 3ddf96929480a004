/// What every harness shares: split points derived from the input, and a way to fail loudly (libFuzzer
/// records the input of any trap as a crash).
public enum Fuzz {
    /// Up to three split points taken from the input's first bytes (so libFuzzer explores chunkings),
    /// plus the bytes that follow them.
    public static func splits(_ data: [UInt8]) -> (points: [Int], payload: [UInt8]) {
        guard data.count > 3 else { return ([], data) }
        let payload = Array(data.dropFirst(3))
        guard !payload.isEmpty else { return ([], payload) }
        let points = data.prefix(3).map { Int($0) % payload.count }.sorted()
        return (points, payload)
    }

    /// `payload` in pieces cut at `points` (and, when `everyByte`, one byte at a time).
    public static func chunks(_ payload: [UInt8], at points: [Int]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var start = 0
        for point in points where point > start {
            out.append(Array(payload[start..<point]))
            start = point
        }
        out.append(Array(payload[start...]))
        return out
    }

    /// Stops the process so libFuzzer keeps the input: an invariant did not hold.
    public static func fail(_ what: String) -> Never {
        fatalError("fuzz invariant: " + what)
    }
}

/// Runs `body` over the bytes libFuzzer hands in.
public func withFuzzInput(_ start: UnsafeRawPointer?, _ count: Int, _ body: ([UInt8]) -> Void) -> Int32 {
    guard let start, count > 0 else { body([]); return 0 }
    body(Array(UnsafeRawBufferPointer(start: start, count: count)))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// The process entry: SwiftPM points `main` at `<module>_main`, which hands over to libFuzzer's driver.
public func runFuzzer(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                      _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, callback)
}
