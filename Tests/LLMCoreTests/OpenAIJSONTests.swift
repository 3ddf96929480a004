import Foundation
import Testing
@testable import LLMCore

/// The byte parser behind OpenAI payload decoding (`JSONValue`).
@Suite struct OpenAIJSONTests {
    @Test func scalarsAndStructure() throws {
        let value = try JSONValue.parse(#" {"a":[1,-2.5e3,true,false,null,"x"],"b":{},"c":[],"a2":0} "#)
        #expect(value["a"]?[0]?.int == 1)
        #expect(value["a"]?[1]?.double == -2500)
        #expect(value["a"]?[1]?.int == -2500)
        #expect(value["a"]?[2]?.bool == true)
        #expect(value["a"]?[3]?.bool == false)
        #expect(value["a"]?[4]?.isNull == true)
        #expect(value["a"]?[5]?.string == "x")
        #expect(value["a"]?[6] == nil)
        #expect(value["b"]?.members?.isEmpty == true)
        #expect(value["c"]?.array?.isEmpty == true)
        #expect(value["a2"]?.int == 0)
        #expect(value["missing"] == nil)
        #expect(value["a"]?["not-an-object"] == nil)
        #expect(value["a"]?[0]?.string == nil)
        #expect(try JSONValue.parse("1.5").int == nil)
        #expect(try JSONValue.parse("\"429\"").scalarText == "429")
        #expect(try JSONValue.parse("429").scalarText == "429")
    }

    @Test func stringEscapes() throws {
        let text = #""q\"b\\s\/n\nr\rt\tb\bf\f é \u00e9 \u2028 \ud83d\ude00 \ud800x \udc00""#
        #expect(try JSONValue.parse(text).string == "q\"b\\s/n\nr\rt\tb\u{8}f\u{C} é é \u{2028} 😀 \u{FFFD}x \u{FFFD}")
        #expect(try JSONValue.parse("\"\u{2028}日本🙂\"").string == "\u{2028}日本🙂")
        #expect(try JSONValue.parse(Array("\"a\\u0041\"".utf8)).string == "aA")
    }

    @Test func duplicateKeysTakeTheLast() throws {
        #expect(try JSONValue.parse(#"{"k":1,"k":2}"#)["k"]?.int == 2)
    }

    @Test func invalidDocumentsAreRejected() {
        let invalid = ["", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "'x'", "\"unterminated",
                       "01", "1.", ".5", "-", "1e", "+1", "tru", "nul", "[1 2]", "{} {}", "\"\\x\"", "\"\\u12\"",
                       "\"\\u12G4\"", "NaN", "[", "{\"a\":}"]
        for text in invalid {
            #expect(throws: JSONParseError.self, "'\(text)'") { try JSONValue.parse(text) }
        }
    }

    @Test func hostileNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(deep) }
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(throws: Never.self) { try JSONValue.parse(fine) }
    }

    @Test func agreesWithFoundationOnStrings() throws {
        var random = SystemRandomNumberGenerator()
        let alphabet: [String] = ["a", "\"", "\\", "/", "\n", "\t", "\u{0}", "é", "🙂", "\u{2028}", "\u{85}", " ", "\u{1F}"]
        for _ in 0..<300 {
            let original = (0..<Int.random(in: 0...20, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined()
            let encoded = try JSONEncoder().encode([original])
            #expect(try JSONValue.parse(Array(encoded))[0]?.string == original)
        }
    }
}
