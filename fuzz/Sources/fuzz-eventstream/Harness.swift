import FuzzSupport
import LLMCore

/// AWS event-stream framing (prelude, CRCs, headers): any chunking yields the same messages, and the
/// same error, as the whole input.
@_cdecl("fuzz_eventstream_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { start, count in fuzz(start, count) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> Int32 {
    withFuzzInput(start, count) { data in
        let (points, payload) = Fuzz.splits(data)
        func run(_ chunks: [[UInt8]]) -> (messages: [EventStreamMessage], error: String?) {
            var decoder = EventStreamDecoder()
            var messages: [EventStreamMessage] = []
            do {
                for chunk in chunks { messages += try decoder.feed(chunk) }
                try decoder.finish()
                return (messages, nil)
            } catch {
                return (messages, String(describing: error))
            }
        }
        let whole = run([payload])
        let split = run(Fuzz.chunks(payload, at: points))
        if whole.error != split.error { Fuzz.fail("event-stream error differs with chunking: \(String(describing: whole.error)) vs \(String(describing: split.error))") }
        if whole.error == nil, whole.messages != split.messages { Fuzz.fail("event-stream messages differ with chunking") }
    }
}
