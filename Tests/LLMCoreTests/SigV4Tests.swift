import Foundation
import Testing
@testable import LLMCore
import HTTPMessage

/// AWS's published SigV4 test suite (`aws-sig-v4-test-suite`): credentials, region, service and time.
private let suiteCredentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE",
                                              secretAccessKey: Secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))
private let suiteDate = Date(timeIntervalSince1970: 1_440_938_160) // 20150830T123600Z
private let suiteHost: HTTPHeaders = ["Host": "example.amazonaws.com"]

private func suiteSign(_ method: String, _ url: String, token: String? = nil,
                       headers: HTTPHeaders = suiteHost) throws -> SigV4Signer.Signature {
    var credentials = suiteCredentials
    credentials.sessionToken = token.map(Secret.init)
    return try SigV4Signer(credentials: credentials, region: "us-east-1", service: "service")
        .sign(method: method, url: url, headers: headers, body: [], date: suiteDate)
}

@Suite struct SigV4SuiteTests {
    // Expected signatures: the suite's `.authz` files (as quoted by several public signer test suites),
    // each re-computed here with botocore 1.43 `SigV4Auth` with the clock pinned; both agree.

    @Test func getVanilla() throws {
        let result = try suiteSign("GET", "https://example.amazonaws.com/")
        #expect(result.canonicalRequest == """
            GET
            /

            host:example.amazonaws.com
            x-amz-date:20150830T123600Z

            host;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(result.headers["Authorization"] == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
        #expect(result.headers["X-Amz-Date"] == "20150830T123600Z")
        #expect(result.headers["X-Amz-Security-Token"] == nil)
        #expect(result.headers["Host"] == nil, "curl sets Host itself")
    }

    @Test func postVanilla() throws {
        let result = try suiteSign("POST", "https://example.amazonaws.com/")
        #expect(result.signature == "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")
    }

    @Test func queryOrderKeyCase() throws {
        let result = try suiteSign("GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1")
        #expect(result.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[2]
                == "Param1=value1&Param2=value2")
        #expect(result.signature == "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")
    }

    @Test func getVanillaWithSessionToken() throws {
        let token = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267"
        let result = try suiteSign("GET", "https://example.amazonaws.com/", token: token)
        #expect(result.headers["X-Amz-Security-Token"] == token)
        #expect(result.headers["Authorization"]?.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,") == true)
        #expect(result.signature == "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8")
    }

    @Test func postSTSHeaderBefore() throws {
        let token = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="
        let result = try suiteSign("POST", "https://example.amazonaws.com/", token: token)
        #expect(result.signature == "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead")
    }
}

@Suite struct SigV4BedrockTests {
    // providers.md §6 vector, computed there with botocore.
    private let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE",
                                             secretAccessKey: Secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                                             sessionToken: Secret("SESSIONTOKEN"))
    private let date = Date(timeIntervalSince1970: 1_735_787_045) // 20250102T030405Z
    private let body = Array(#"{"messages":[{"role":"user","content":[{"text":"Hi"}]}],"inferenceConfig":{"maxTokens":256}}"#.utf8)

    private func sign(model: String) throws -> SigV4Signer.Signature {
        try SigV4Signer(credentials: credentials, region: "us-east-1", service: "bedrock")
            .sign(method: "POST",
                  url: "https://bedrock-runtime.us-east-1.amazonaws.com/model/\(model)/converse-stream",
                  headers: ["Content-Type": "application/json"], body: body, date: date)
    }

    @Test func claudeModelIDIsDoubleEncoded() throws {
        let result = try sign(model: "anthropic.claude-3-haiku-20240307-v1%3A0")
        #expect(result.canonicalRequest == """
            POST
            /model/anthropic.claude-3-haiku-20240307-v1%253A0/converse-stream

            content-type:application/json
            host:bedrock-runtime.us-east-1.amazonaws.com
            x-amz-date:20250102T030405Z
            x-amz-security-token:SESSIONTOKEN

            content-type;host;x-amz-date;x-amz-security-token
            b700311c06b09665ecff7544a3885e83f50351a92aa2882f660c6f5db70d88da
            """)
        #expect(result.stringToSign.hasSuffix("62fa4442357d7773846484f7f7db5171b7a14c22d5da845c03f5685b0c49075f"))
        #expect(result.signature == "152cf353e84832c0a6cb2b0b05dcb93a38b92310f55efd3cee9fefbf8ce814f1")
        #expect(result.headers["X-Amz-Security-Token"] == "SESSIONTOKEN")
        #expect(result.headers["Authorization"] == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250102/us-east-1/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=152cf353e84832c0a6cb2b0b05dcb93a38b92310f55efd3cee9fefbf8ce814f1")
    }

    @Test func titanModelID() throws {
        #expect(try sign(model: "amazon.titan-text-express-v1").signature
                == "1f245705da15fd108e63df21f17f90906a29cc1f810eee51f813681a4702ba0f")
    }

    @Test func signInPlaceReplacesStaleSigningHeaders() throws {
        var request = HTTPRequestSpec(
            url: "https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.titan-text-express-v1/converse-stream",
            headers: ["Content-Type": "application/json", "Authorization": "stale", "X-Amz-Date": "19700101T000000Z"],
            body: body)
        try SigV4Signer(credentials: credentials, region: "us-east-1", service: "bedrock").sign(&request, date: date)
        #expect(request.headers.fields.filter { $0.name.lowercased() == "authorization" }.count == 1)
        #expect(request.headers["authorization"]?.hasSuffix("1f245705da15fd108e63df21f17f90906a29cc1f810eee51f813681a4702ba0f") == true)
        #expect(request.headers["x-amz-date"] == "20250102T030405Z")
    }
}

@Suite struct SigV4CanonicalTests {
    // Computed with botocore 1.43 `SigV4Auth` (clock pinned to 20150830T123600Z): a non-default port,
    // an encoded path, a repeated and a valueless query parameter, messy header whitespace, and a
    // User-Agent that must stay unsigned.
    @Test func headerNormalisationQueryAndPort() throws {
        let headers: HTTPHeaders = ["My-Header1": "  a   b \t  c  ", "User-Agent": "llmctl/1",
                                    "Content-Type": "text/plain", "X-Multi": "one"]
        let result = try SigV4Signer(credentials: suiteCredentials, region: "us-east-1", service: "service")
            .sign(method: "POST", url: "https://example.amazonaws.com:8443/a%20b/x~y?b=2&a=x%20y&a=1&c",
                  headers: headers, body: Array("hello".utf8), date: suiteDate)
        #expect(result.canonicalRequest == """
            POST
            /a%2520b/x~y
            a=1&a=x%20y&b=2&c=
            content-type:text/plain
            host:example.amazonaws.com:8443
            my-header1:a b c
            x-amz-date:20150830T123600Z
            x-multi:one

            content-type;host;my-header1;x-amz-date;x-multi
            2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
            """)
        #expect(result.signature == "6706d6a9289ecb96f56ae6ed35093fa5e6bd0ed1067e647fc272eeb7d7c65ae6")
    }

    @Test func repeatedHeadersJoinInOrderAndS3KeepsThePath() throws {
        var headers = HTTPHeaders()
        headers.add("X-B", "2")
        headers.add("x-b", " 1 ")
        headers.add("Connection", "keep-alive")
        #expect(SigV4Canonical.headers(headers).map { "\($0.name):\($0.value)" } == ["x-b:2,1"])
        #expect(SigV4Canonical.uri(path: "/a%3Ab", service: "s3") == "/a%3Ab")
        #expect(SigV4Canonical.uri(path: "/a%3Ab", service: "bedrock") == "/a%253Ab")
    }

    @Test func contentSHA256IsSignedWhenRequested() throws {
        let result = try SigV4Signer(credentials: suiteCredentials, region: "us-east-1", service: "service",
                                     includesContentSHA256: true)
            .sign(method: "GET", url: "https://example.amazonaws.com/", headers: [:], body: [], date: suiteDate)
        #expect(result.headers["x-amz-content-sha256"] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(result.canonicalRequest.contains("host;x-amz-content-sha256;x-amz-date"))
    }

    @Test func timestamps() {
        #expect(AWSTimestamp(Date(timeIntervalSince1970: 0)).dateTime == "19700101T000000Z")
        #expect(AWSTimestamp(Date(timeIntervalSince1970: 951_782_400)).date == "20000229")
        #expect(AWSTimestamp(Date(timeIntervalSince1970: 4_102_444_799.9)).dateTime == "20991231T235959Z")
    }

    @Test func rejectsRelativeURL() {
        #expect(throws: SigV4Error.self) {
            try SigV4Signer(credentials: suiteCredentials, region: "us-east-1", service: "service")
                .sign(method: "GET", url: "/relative", headers: [:], body: [], date: suiteDate)
        }
    }
}
