import FuzzSupport
import LLMCore

/// NDJSON framing: any chunking yields the same lines as the whole input.
@_cdecl("fuzz_ndjson_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { start, count in fuzz(start, count) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> Int32 {
    withFuzzInput(start, count) { data in
        let (points, payload) = Fuzz.splits(data)
        var whole = NDJSONDecoder()
        let expected = whole.feed(payload) + whole.finish()
        var split = NDJSONDecoder()
        var got: [[UInt8]] = []
        for chunk in Fuzz.chunks(payload, at: points) { got += split.feed(chunk) }
        got += split.finish()
        if got != expected { Fuzz.fail("NDJSON lines differ with chunking") }
    }
}
