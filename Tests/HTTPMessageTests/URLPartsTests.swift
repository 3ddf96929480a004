import HTTPMessage
import Testing

/// The one URL cutter LLMCore and the transport share: what messages show and what host checks compare.
struct URLPartsTests {
    @Test func authorityKeepsThePortAndDropsUserInfoPathAndQuery() {
        #expect(URLParts.authority(of: "http://127.0.0.1:8080/v1/chat?key=secret") == "127.0.0.1:8080")
        #expect(URLParts.authority(of: "https://user:pw@API.example.com/v1") == "API.example.com")
        #expect(URLParts.authority(of: "https://api.example.com#frag") == "api.example.com")
        #expect(URLParts.authority(of: "http://[::1]:8000/v1") == "[::1]:8000")
        #expect(URLParts.authority(of: "localhost:11434/api") == "localhost:11434")
        #expect(URLParts.authority(of: "") == "")
    }

    @Test func hostIsLowercasedWithoutPortOrBrackets() {
        #expect(URLParts.host(of: "https://API.openai.com/v1") == "api.openai.com")
        #expect(URLParts.host(of: "https://api.openai.com:443/v1") == "api.openai.com")
        #expect(URLParts.host(of: "http://user:pw@localhost:8000") == "localhost")
        #expect(URLParts.host(of: "http://a@b@localhost:8000") == "localhost")
        #expect(URLParts.host(of: "http://[::1]:8000/v1") == "::1")
        #expect(URLParts.host(of: "http://?q") == "")
    }
}
