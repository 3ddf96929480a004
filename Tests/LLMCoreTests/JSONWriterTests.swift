import Foundation
import Testing
@testable import LLMCore

/// The one JSON writer (`JSONValue.jsonText` / `jsonBytes`).
@Suite struct JSONWriterTests {
    @Test func compactWithKeysInTheOrderBuilt() {
        let value: JSONValue = .object(["id": .number(7), "b": .array([.null, .bool(true), .bool(false), .string("x")]),
                                        "a": .object([:]), "c": .array([])])
        #expect(value.jsonText() == #"{"id":7,"b":[null,true,false,"x"],"a":{},"c":[]}"#)
        #expect(value.jsonText(sortedKeys: true) == #"{"a":{},"b":[null,true,false,"x"],"c":[],"id":7}"#)
        #expect(value.jsonBytes() == Array(value.jsonText().utf8))
    }

    @Test func sortedKeysAreInByteOrderAtEveryLevel() {
        let value: JSONValue = .object(["a_b": .number(1), "aB": .number(2), "aA": .array([.object(["z": .null, "Z": .null])]),
                                        "é": .null, "e": .null])
        #expect(value.jsonText(sortedKeys: true) == #"{"aA":[{"Z":null,"z":null}],"aB":2,"a_b":1,"e":null,"é":null}"#)
    }

    @Test func stringEscapes() {
        let text = "q\"b\\s/n\nr\rt\tb\u{8}f\u{C}\u{0}\u{1F}\u{7F} é 日本 🙂 \u{2028}\u{2029}\u{2027}\u{202A}"
        #expect(JSONValue.string(text).jsonText()
                == #""q\"b\\s/n\nr\rt\tb\u0008f\u000c\u0000\u001f"# + "\u{7F} é 日本 🙂 " + #"\u2028\u2029"# + "\u{2027}\u{202A}\"")
        #expect(JSONValue.object(["k\"\n": .string("")]).jsonText() == #"{"k\"\n":""}"#)
    }

    /// `batch` and `compare` lines must not change: the writer that was in Terminal, kept as the reference.
    @Test func escapesStringsAsTheBatchWriterDid() {
        func reference(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        var random = SystemRandomNumberGenerator()
        let alphabet: [String] = ["a", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{8}", "\u{1B}", "é", "🙂", "\u{2028}",
                                  "\u{2029}", "\u{2030}", "\u{E2}", "\u{85}", " ", "\u{1F}", "\u{7F}", "日"]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...24, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined()
            #expect(JSONValue.string(text).jsonText() == reference(text), "\(text.debugDescription)")
        }
    }

    @Test func roundTripsThroughTheParser() throws {
        var random = SystemRandomNumberGenerator()
        func make(_ depth: Int) -> JSONValue {
            switch Int.random(in: 0...(depth > 3 ? 3 : 5), using: &random) {
            case 0: return .null
            case 1: return .bool(Bool.random(using: &random))
            case 2: return Bool.random(using: &random) ? .number(Int.random(in: -1_000_000...1_000_000, using: &random))
                                                       : .double(Double.random(in: -1e6...1e6, using: &random))
            case 3: return .string(String((0..<Int.random(in: 0...8, using: &random)).map { _ in "aé\"\\\n\u{1}🙂\u{2028}".randomElement(using: &random)! }))
            case 4: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in make(depth + 1) })
            default: return .object((0..<Int.random(in: 0...4, using: &random)).map { JSONMember(key: "k\($0)é", value: make(depth + 1)) })
            }
        }
        for _ in 0..<300 {
            let value = make(0)
            #expect(try JSONValue.parse(value.jsonBytes()) == value)
            #expect(try JSONValue.parse(value.jsonText()) == value)
        }
    }

    /// Request bodies carried temperatures through JSONEncoder; `double(_:)` writes them the same way.
    @Test func doublesAreWrittenAsJSONEncoderWroteThem() throws {
        let values: [Double] = [0, -0.0, 1, 0.3, 0.1 + 0.2, 2, 1.5, 1e-7, 2.5e-5, 0.000123, 1e16, 1e21, 123456789.125,
                                -42.75, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, 0.7, 1.25]
        for value in values {
            let encoded = String(decoding: try JSONEncoder().encode([value]), as: UTF8.self)
            #expect("[" + JSONValue.double(value).jsonText() + "]" == encoded)
            #expect(try JSONValue.parse(JSONValue.double(value).jsonText()).double == value)
        }
        #expect(JSONValue.double(.nan) == .null)
        #expect(JSONValue.double(.infinity) == .null)
        #expect(JSONValue.number(-12) == .number("-12"))
    }

    @Test func objectsOmittingNilsKeepTheRestInOrder() {
        let value = JSONValue.object(omittingNils: ["b": .number(1), "gone": nil, "a": .null])
        #expect(value.jsonText() == #"{"b":1,"a":null}"#)
        #expect(JSONValue.optional(nil) == .null)
    }
}
