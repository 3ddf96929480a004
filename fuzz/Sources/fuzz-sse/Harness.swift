import FuzzSupport
import LLMCore

/// SSE framing: any chunking yields the same events as the whole input.
@_cdecl("fuzz_sse_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { start, count in fuzz(start, count) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> Int32 {
    withFuzzInput(start, count) { data in
        let (points, payload) = Fuzz.splits(data)
        var whole = SSEDecoder()
        let expected = whole.feed(payload) + whole.finish()
        var split = SSEDecoder()
        var got: [SSEEvent] = []
        for chunk in Fuzz.chunks(payload, at: points) { got += split.feed(chunk) }
        got += split.finish()
        if got != expected { Fuzz.fail("SSE events differ with chunking") }
    }
}
