import Foundation
import Testing
@testable import LLMCore
import HTTPMessage

/// One ConverseStream event frame.
func bedrockEvent(_ type: String, _ json: String) -> [UInt8] {
    EventStreamEncoder.encode(headers: [
        EventStreamHeader(":event-type", .string(type)),
        EventStreamHeader(":content-type", .string("application/json")),
        EventStreamHeader(":message-type", .string("event")),
    ], payload: Array(json.utf8))
}

/// One ConverseStream exception frame.
func bedrockException(_ type: String, _ json: String) -> [UInt8] {
    EventStreamEncoder.encode(headers: [
        EventStreamHeader(":exception-type", .string(type)),
        EventStreamHeader(":content-type", .string("application/json")),
        EventStreamHeader(":message-type", .string("exception")),
    ], payload: Array(json.utf8))
}

@Suite struct BedrockRequestTests {
    let provider = BedrockProvider()
    let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE",
                                     secretAccessKey: Secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                                     sessionToken: Secret("SESSIONTOKEN"))
    let date = Date(timeIntervalSince1970: 1_735_787_045) // 20250102T030405Z

    func endpoint(_ credential: Credential, base: String = "https://bedrock-runtime.us-east-1.amazonaws.com") -> Endpoint {
        Endpoint(name: "bedrock", kind: .bedrock, baseURL: base, credential: credential)
    }

    @Test func typicalBodyGolden() throws {
        let spec = try provider.makeRequest(typicalRequest("bedrock:amazon.titan-text-express-v1"),
                                            endpoint: endpoint(.aws(credentials, region: "us-east-1", source: "AWS_ACCESS_KEY_ID")),
                                            context: RequestContext(date: date))
        #expect(spec.url == "https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.titan-text-express-v1/converse-stream")
        jsonEqual(spec.body, """
            {"messages":[{"role":"user","content":[{"text":"Hi"}]},{"role":"assistant","content":[{"text":"Hello."}]},
                         {"role":"user","content":[{"text":"Again"}]}],
             "system":[{"text":"Be terse."}],
             "inferenceConfig":{"maxTokens":512,"temperature":0.3,"stopSequences":["END"]}}
            """)
    }

    @Test func sigV4SignedRequestMatchesBotocore() throws {
        let request = ChatRequest(model: ModelRef(parsing: "bedrock:anthropic.claude-3-haiku-20240307-v1:0")!,
                                  messages: [ChatMessage(role: .user, content: "Hi")],
                                  options: SamplingOptions(maxTokens: 256))
        let spec = try provider.makeRequest(request, endpoint: endpoint(.aws(credentials, region: "us-east-1", source: "AWS_ACCESS_KEY_ID")),
                                            context: RequestContext(date: date))
        #expect(spec.url == "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream")
        #expect(String(decoding: spec.body, as: UTF8.self)
                == #"{"inferenceConfig":{"maxTokens":256},"messages":[{"content":[{"text":"Hi"}],"role":"user"}]}"#)
        #expect(spec.headers["X-Amz-Date"] == "20250102T030405Z")
        #expect(spec.headers["X-Amz-Security-Token"] == "SESSIONTOKEN")
        // botocore 1.43 SigV4Auth over the same URL, Content-Type header and body, clock pinned.
        #expect(spec.headers["Authorization"] == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250102/us-east-1/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=7115f2c393295df9f59b8263baff39bf8c51193df2e1c909224890e4b3366f7d")
        #expect(spec.secretValues.contains("SESSIONTOKEN"))
    }

    @Test func extraHeadersAreSignedButNotAccept() throws {
        var configured = endpoint(.aws(credentials, region: "eu-west-1", source: "AWS_ACCESS_KEY_ID"))
        configured.extraHeaders = ["X-Amzn-Bedrock-Trace": "ENABLED"]
        let spec = try provider.makeRequest(typicalRequest("bedrock:m"), endpoint: configured, context: RequestContext(date: date))
        #expect(spec.headers["Accept"] == nil)
        #expect(spec.headers["Authorization"]?.contains("/eu-west-1/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amzn-bedrock-trace,") == true)
    }

    @Test func nonStreamingUsesConverseAndARNsAreOneSegment() throws {
        let request = ChatRequest(model: ModelRef(provider: "bedrock", model: "arn:aws:bedrock:us-east-1:123:inference-profile/us.x"),
                                  messages: [ChatMessage(role: .user, content: "Hi")], stream: false)
        let spec = try provider.makeRequest(request, endpoint: endpoint(.bearer(Secret("tok"), source: "AWS_BEARER_TOKEN_BEDROCK")),
                                            context: RequestContext(date: date))
        #expect(spec.url.hasSuffix("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123%3Ainference-profile%2Fus.x/converse"))
        #expect(spec.headers["Authorization"] == "Bearer tok")
        #expect(spec.headers["X-Amz-Date"] == nil)
    }

    @Test func bearerIsRefusedOverPlainHTTPExceptLoopback() throws {
        let request = typicalRequest("bedrock:m")
        let bearer = Credential.bearer(Secret("tok"), source: "AWS_BEARER_TOKEN_BEDROCK")
        #expect(throws: ConfigError.self) {
            _ = try provider.makeRequest(request, endpoint: endpoint(bearer, base: "http://proxy.example.com"), context: RequestContext())
        }
        #expect(throws: ConfigError.self) {
            _ = try provider.makeRequest(request, endpoint: endpoint(bearer, base: "http://localhost.evil.com"), context: RequestContext())
        }
        _ = try provider.makeRequest(request, endpoint: endpoint(bearer, base: "http://127.0.0.1:8080"), context: RequestContext())
        #expect(throws: ConfigError.self) {
            _ = try provider.makeRequest(request, endpoint: endpoint(.none), context: RequestContext())
        }
    }
}

@Suite struct BedrockStreamTests {
    let provider = BedrockProvider()

    static let stream = bedrockEvent("messageStart", #"{"p":"abcdefghijklmnopqrstuvw","role":"assistant"}"#)
        + bedrockEvent("contentBlockDelta", #"{"contentBlockIndex":0,"delta":{"text":"Hi"},"p":"abcd"}"#)
        + bedrockEvent("contentBlockDelta", #"{"contentBlockIndex":0,"delta":{"text":" there ☃"},"p":"abcdefghijklmnopqrstuvwxyzABCDEFGH","future":{"x":1}}"#)
        + bedrockEvent("contentBlockStop", #"{"contentBlockIndex":0,"p":"abcdefghijk"}"#)
        + bedrockEvent("messageStop", #"{"p":"abcdef","stopReason":"end_turn"}"#)

    static let metadata = bedrockEvent("metadata", #"{"metrics":{"latencyMs":812},"p":"abc","usage":{"inputTokens":12,"outputTokens":30,"totalTokens":42}}"#)

    @Test func fullStreamAtEverySplit() {
        let result = StreamHarness.decodeAtEverySplit({ provider.makeStreamDecoder() }, Self.stream + Self.metadata)
        #expect(result.error == nil)
        #expect(result.events == [.text("Hi"), .text(" there ☃"), .finish("end_turn"),
                                  .usage(Usage(inputTokens: 12, outputTokens: 30, totalTokens: 42)), .end])
    }

    @Test func cachedTokensCountAsInput() {
        let metadata = bedrockEvent("metadata", #"{"usage":{"inputTokens":2,"outputTokens":3,"totalTokens":105,"cacheReadInputTokens":100}}"#)
        let result = StreamHarness.run(provider.makeStreamDecoder(), [Self.stream + metadata])
        #expect(result.events.contains(.usage(Usage(inputTokens: 102, outputTokens: 3, totalTokens: 105, cachedInputTokens: 100))))
    }

    @Test func noCompletionBeforeMetadata() {
        let result = StreamHarness.decodeAtEverySplit({ provider.makeStreamDecoder() }, Self.stream)
        #expect(result.events == [.text("Hi"), .text(" there ☃"), .finish("end_turn")])
        #expect(result.error?.category == .truncated)
        let partial = StreamHarness.run(provider.makeStreamDecoder(), [Self.stream + Self.metadata.dropLast(3)])
        #expect(partial.error?.category == .truncated)
    }

    @Test func throttlingExceptionMidStream() {
        let bytes = bedrockEvent("contentBlockDelta", #"{"contentBlockIndex":0,"delta":{"text":"Par"}}"#)
            + bedrockException("throttlingException", #"{"message":"Too many requests, please wait before trying again."}"#)
        let result = StreamHarness.decodeAtEverySplit({ provider.makeStreamDecoder() }, bytes)
        #expect(result.events == [.text("Par")])
        #expect(result.error?.category == .rateLimited)
        #expect(result.error?.providerCode == "throttlingException")
        #expect(result.error?.message.contains("Too many requests") == true)
    }

    @Test(arguments: ["modelStreamErrorException", "internalServerException", "serviceUnavailableException"])
    func serverExceptionsAreStreamErrors(type: String) {
        let payload = type == "modelStreamErrorException"
            ? #"{"message":"Model error","originalStatusCode":500,"originalMessage":"upstream model crashed"}"#
            : #"{"message":"Something broke"}"#
        let result = StreamHarness.run(provider.makeStreamDecoder(), [bedrockException(type, payload)])
        #expect(result.error?.category == .streamError)
        #expect(result.error?.message.contains(type == "modelStreamErrorException" ? "upstream model crashed" : "Something broke") == true)
    }

    @Test func unmodelledErrorMessage() {
        let frame = EventStreamEncoder.encode(headers: [
            EventStreamHeader(":message-type", .string("error")),
            EventStreamHeader(":error-code", .string("InternalFailure")),
            EventStreamHeader(":error-message", .string("Something\nwent wrong")),
        ], payload: [])
        let result = StreamHarness.run(provider.makeStreamDecoder(), [frame])
        #expect(result.error?.category == .streamError)
        #expect(result.error?.message.contains("InternalFailure: Something went wrong") == true)
    }

    @Test func corruptFrameIsMalformedAfterEarlierText() {
        var bad = Self.metadata
        bad[20] ^= 0x55
        let result = StreamHarness.run(provider.makeStreamDecoder(), [Self.stream + bad])
        #expect(result.events.first == .text("Hi"))
        #expect(result.error?.category == .malformed)
        #expect(result.error?.message.contains("CRC") == true)
    }

    @Test func nonStreamingConverseReply() throws {
        let body = #"{"output":{"message":{"role":"assistant","content":[{"text":"Hello"},{"reasoningContent":{}},{"text":"!"}]}},"stopReason":"max_tokens","usage":{"inputTokens":3,"outputTokens":4,"totalTokens":7},"metrics":{"latencyMs":5}}"#
        #expect(try provider.decodeResponse(Array(body.utf8))
                == [.text("Hello"), .text("!"), .usage(Usage(inputTokens: 3, outputTokens: 4, totalTokens: 7)), .finish("max_tokens"), .end])
        #expect(throws: ProviderError.self) { _ = try provider.decodeResponse(Array("<html>".utf8)) }
    }
}

@Suite struct BedrockErrorTests {
    let provider = BedrockProvider()
    let endpoint = Endpoint(name: "bedrock", kind: .bedrock, baseURL: "https://bedrock-runtime.us-east-1.amazonaws.com",
                            credential: .aws(AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: Secret("SECRETKEY"),
                                                            sessionToken: Secret("SESSIONTOKEN")),
                                             region: "us-east-1", source: "profile 'dev' in /root/.aws/credentials"))

    func map(_ status: Int, _ type: String?, _ body: String, headers: HTTPHeaders = [:]) -> ProviderError {
        var headers = headers
        if let type { headers.add("x-amzn-ErrorType", "\(type):http://internal.amazon.com/coral/com.amazon.bedrock/") }
        return provider.decodeError(status: status, headers: headers, body: Array(body.utf8), endpoint: endpoint)
    }

    @Test func signatureFailuresNameTheSourceButNoSecret() {
        let body = #"{"message":"The request signature we calculated does not match the signature you provided.\n\nThe Canonical String for this request should have been\n'POST\n/model\nx-amz-security-token:SESSIONTOKEN\n'"}"#
        for type in ["InvalidSignatureException", "UnrecognizedClientException"] {
            let error = map(403, type, body)
            #expect(error.category == .auth)
            #expect(error.providerCode == type)
            #expect(error.message.contains("profile 'dev' in /root/.aws/credentials"))
            #expect(!error.message.contains("SESSIONTOKEN") && !error.message.contains("SECRETKEY"))
            #expect(!error.message.contains("\n") && !error.message.contains("Canonical"))
        }
        #expect(map(403, "AccessDeniedException", #"{"message":"You don't have access to the model"}"#).category == .permission, "a 403 is permission for every provider")
        #expect(map(400, "ExpiredTokenException", #"{"message":"The security token included in the request is expired"}"#).category == .auth)
    }

    @Test func throttlingHonoursRetryAfterMilliseconds() {
        let error = map(429, "ThrottlingException", #"{"message":"Too many requests"}"#, headers: ["x-amz-retry-after": "1500"])
        #expect(error.category == .rateLimited)
        #expect(error.retryAfter == 1.5)
        #expect(error.message.contains("1.5s"))
        #expect(map(429, "ThrottlingException", "{}").retryAfter == nil)
    }

    @Test func otherStatuses() {
        #expect(map(400, "ValidationException", #"{"message":"Malformed input request"}"#).category == .badRequest)
        #expect(map(404, "ResourceNotFoundException", #"{"message":"Model not found"}"#).category == .notFound)
        #expect(map(500, "InternalServerException", #"{"Message":"oops"}"#).message.contains("oops"))
        #expect(map(503, "ServiceUnavailableException", "{}").category == .overloaded)
        #expect(map(424, "ModelErrorException", "{}").category == .server)
        let typed = map(400, nil, #"{"__type":"com.amazon.coral.validate#ValidationException","message":"bad"}"#)
        #expect(typed.providerCode == "ValidationException")
    }
}
