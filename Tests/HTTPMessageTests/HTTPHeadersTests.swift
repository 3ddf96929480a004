import HTTPMessage
import Testing

/// Header lookup is case-insensitive and keeps order; the request spec names its secrets.
struct HTTPHeadersTests {
    @Test func lookupIgnoresCaseAndReturnsTheFirstValue() {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "X-Multi": "1"]
        headers.add("x-multi", "2")
        #expect(headers["content-type"] == "application/json")
        #expect(headers["X-MULTI"] == "1")
        #expect(headers["missing"] == nil)
        #expect(headers.map(\.value) == ["application/json", "1", "2"])
    }

    @Test func setReplacesEveryFieldOfThatName() {
        var headers: HTTPHeaders = ["A": "1", "a": "2", "B": "3"]
        headers.set("A", "9")
        #expect(headers.fields == [.init(name: "B", value: "3"), .init(name: "A", value: "9")])
        headers.remove("b")
        #expect(headers.fields == [.init(name: "A", value: "9")])
    }

    @Test func secretValuesAreTheCredentialHeaders() {
        let spec = HTTPRequestSpec(url: "https://example.com",
                                   headers: ["Authorization": "Bearer k", "Content-Type": "application/json",
                                             "x-goog-api-key": "g"])
        #expect(spec.method == "POST")
        #expect(spec.secretValues == ["Bearer k", "g"])
    }
}
