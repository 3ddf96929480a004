import FuzzSupport
import LLMCore

/// Every provider's stream decoder (and whole-reply decoder): any chunking gives the same events and
/// the same error as the whole input; nothing traps. The first byte picks the provider.
@_cdecl("fuzz_stream_decoders_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { start, count in fuzz(start, count) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> Int32 {
    withFuzzInput(start, count) { data in
        guard let selector = data.first else { return }
        let kinds = ProviderKind.allCases
        let kind = kinds[Int(selector) % kinds.count]
        let (points, payload) = Fuzz.splits(Array(data.dropFirst()))
        guard let provider = ProviderCatalog.builtInImplementations[kind] else { return }
        let endpoint = Endpoint(name: kind.rawValue, kind: kind, baseURL: "http://127.0.0.1:1")
        func run(_ chunks: [[UInt8]]) -> (events: [ChatEvent], error: String?) {
            var decoder = provider.makeStreamDecoder(for: endpoint)
            var events: [ChatEvent] = []
            do {
                for chunk in chunks { events += try decoder.decode(chunk) }
                events += try decoder.finish()
                return (events, nil)
            } catch {
                return (events, String(describing: error))
            }
        }
        let whole = run([payload])
        let split = run(Fuzz.chunks(payload, at: points))
        if whole.error != split.error {
            Fuzz.fail("\(kind) decoder error differs with chunking: \(String(describing: whole.error)) vs \(String(describing: split.error))")
        }
        // Everything decoded before an error is handed over, whatever the chunking.
        var a = ReplyAssembler(), b = ReplyAssembler()
        a.apply(whole.events)
        b.apply(split.events)
        if a.message != b.message { Fuzz.fail("\(kind) decoded message differs with chunking") }
        _ = try? provider.decodeResponse(payload, from: endpoint)
    }
}
