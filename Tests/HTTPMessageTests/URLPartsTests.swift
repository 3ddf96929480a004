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

/// Base URLs are checked before anything is sent: what can be known now is a configuration error.
@Suite struct BaseURLProblemTests {
    @Test func goodURLsPass() {
        for url in ["https://api.openai.com/v1", "http://127.0.0.1:8080/v1", "http://[::1]:11434", "https://h", "http://h:65535"] {
            #expect(URLParts.baseURLProblem(url) == nil, "\(url)")
        }
    }

    @Test func badURLsSayWhy() {
        #expect(URLParts.baseURLProblem("http://127.0.0.1:99999/v1") == "its port '99999' is not a number from 1 to 65535")
        #expect(URLParts.baseURLProblem("http://h:0") == "its port '0' is not a number from 1 to 65535")
        #expect(URLParts.baseURLProblem("http://h:/v1") == "its port '' is not a number from 1 to 65535")
        #expect(URLParts.baseURLProblem("http://[::1]:7x") == "its port '7x' is not a number from 1 to 65535")
        #expect(URLParts.baseURLProblem("ftp://h") == "it is not an http(s) URL")
        #expect(URLParts.baseURLProblem("https://") == "it has no host")
        #expect(URLParts.baseURLProblem("https://h/a b") == "it contains spaces")
        #expect(URLParts.trimmingTrailingSlashes("http://h/v1//") == "http://h/v1")
    }
}
