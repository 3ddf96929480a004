import FuzzSupport
import LLMCore

/// The JSON parser never traps, agrees between its bytes and text entry points, and what it writes
/// back parses to the same value.
@_cdecl("fuzz_json_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { start, count in fuzz(start, count) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> Int32 {
    withFuzzInput(start, count) { data in
        let fromBytes = try? JSONValue.parse(data)
        if let text = String(validating: data, as: UTF8.self) {
            let fromText = try? JSONValue.parse(text)
            if fromText != fromBytes { Fuzz.fail("bytes and text parses differ") }
        }
        guard let value = fromBytes else { return }
        let written = value.jsonText()
        guard let again = try? JSONValue.parse(written) else { Fuzz.fail("written JSON does not parse: \(written)") }
        if again.jsonText() != written { Fuzz.fail("writing is not stable") }
        _ = value.int; _ = value.double; _ = value.scalarText
    }
}
