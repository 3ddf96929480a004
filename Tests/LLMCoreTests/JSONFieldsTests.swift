import Foundation
import Testing
@testable import LLMCore

/// `JSONFields` reads payloads with the rules `JSONDecoder` applied to the Codable wire structs it
/// replaced, so the same payloads count as malformed.
@Suite struct JSONFieldsTests {
    struct Inner: Decodable, JSONReadable, Equatable {
        var s: String?
        init(_ fields: JSONFields) throws(JSONShapeError) { s = try fields.string("s") }
    }

    struct Shape: Decodable, JSONReadable, Equatable {
        var s: String?
        var i: Int?
        var b: Bool?
        var o: Inner?
        var l: [Inner]?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            s = try fields.string("s")
            i = try fields.int("i")
            b = try fields.bool("b")
            o = try fields.object("o")
            l = try fields.array("l")
        }
    }

    static let documents = [
        #"{}"#, #" {"other":[1,{"x":2}]} "#, #"{"s":"x","i":3,"b":true,"o":{"s":"y"},"l":[{"s":"z"},{}]}"#,
        #"{"s":null,"i":null,"b":null,"o":null,"l":null}"#, #"{"i":12.0}"#, #"{"i":1.2e1}"#, #"{"i":-0}"#, #"{"i":1.5}"#,
        #"{"i":"3"}"#, #"{"i":99999999999999999999}"#, #"{"i":1e400}"#, #"{"s":3}"#, #"{"s":true}"#, #"{"s":{}}"#,
        #"{"b":1}"#, #"{"b":"true"}"#, #"{"o":"y"}"#, #"{"o":[]}"#, #"{"o":{"s":1}}"#, #"{"l":{}}"#, #"{"l":[1]}"#,
        #"{"l":[null]}"#, #"{"l":[{"s":[]}]}"#, #"{"l":[]}"#, "[]", "[{}]", "42", #""s""#, "null", "", "{", #"{"s":"a\u00e9\n"}"#,
    ]

    @Test func agreesWithJSONDecoder() {
        for document in Self.documents {
            let codable = try? JSONDecoder().decode(Shape.self, from: Data(document.utf8))
            #expect(Shape.read(document) == codable, "\(document)")
            #expect(Shape.read(Array(document.utf8)) == codable, "\(document)")
        }
    }
}
