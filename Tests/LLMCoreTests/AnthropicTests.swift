import Foundation
import Testing
@testable import LLMCore
import HTTPMessage

@Suite struct AnthropicTests {
    let provider = AnthropicProvider()
    let endpoint = Endpoint(name: "anthropic", kind: .anthropic, baseURL: "https://api.anthropic.com",
                            credential: .apiKey(Secret("sk-ant-secret"), source: "ANTHROPIC_API_KEY"))

    /// providers.md §4: anthropic-sdk-python `tests/lib/streaming/fixtures/basic_response.txt`, two of
    /// its three deltas dropped, plus one more delta so text spans events.
    static let fixture = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK","type":"message","role":"assistant","content":[],"model":"claude-3-opus-latest","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":11,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: ping
        data: {"type": "ping"}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" wörld\\u2028☃"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":6}}

        event: message_stop
        data: {"type":"message_stop"}


        """

    @Test func requestGolden() throws {
        let spec = try provider.makeRequest(typicalRequest("anthropic:claude-sonnet-4-5"), endpoint: endpoint, context: RequestContext())
        #expect(spec.url == "https://api.anthropic.com/v1/messages")
        #expect(spec.headers["x-api-key"] == "sk-ant-secret")
        #expect(spec.headers["anthropic-version"] == "2023-06-01")
        #expect(spec.headers["content-type"] == "application/json")
        jsonEqual(spec.body, """
            {"model":"claude-sonnet-4-5","max_tokens":512,"system":"Be terse.",
             "messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello."},{"role":"user","content":"Again"}],
             "temperature":0.3,"stop_sequences":["END"],"stream":true}
            """)
    }

    @Test func minimalRequestAlwaysHasMaxTokens() throws {
        let request = ChatRequest(model: ModelRef(provider: "anthropic", model: "claude-haiku-4-5"),
                                  messages: [ChatMessage(role: .system, content: "S"), ChatMessage(role: .user, content: "Hi")])
        let bearer = Endpoint(name: "anthropic", kind: .anthropic, baseURL: "https://gw.example.com",
                              credential: .bearer(Secret("tok"), source: "ANTHROPIC_AUTH_TOKEN"))
        let spec = try provider.makeRequest(request, endpoint: bearer, context: RequestContext())
        #expect(spec.url == "https://gw.example.com/v1/messages")
        #expect(spec.headers["authorization"] == "Bearer tok" && spec.headers["x-api-key"] == nil)
        jsonEqual(spec.body, #"{"model":"claude-haiku-4-5","max_tokens":4096,"system":"S","messages":[{"role":"user","content":"Hi"}],"stream":true}"#)
    }

    @Test func fixtureAtEverySplit() {
        let result = StreamHarness.decodeAtEverySplit({ provider.makeStreamDecoder() }, Array(Self.fixture.utf8))
        #expect(result.error == nil)
        #expect(result.events == [
            .usage(Usage(inputTokens: 11, outputTokens: 1, totalTokens: 12)),
            .text("Hello"), .text(" wörld\u{2028}☃"),
            .usage(Usage(inputTokens: 11, outputTokens: 6, totalTokens: 17)), // cumulative: replaced, not added
            .finish("end_turn"), .end,
        ])
    }

    @Test func crlfFixtureDecodesTheSame() {
        let crlf = Self.fixture.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(StreamHarness.run(provider.makeStreamDecoder(), [Array(crlf.utf8)])
                == StreamHarness.run(provider.makeStreamDecoder(), [Array(Self.fixture.utf8)]))
    }

    @Test func cacheTokensAreInputAndDeltaUsageMayRepeatSomeCounts() {
        let stream = """
            event: message_start
            data: {"type":"message_start","message":{"usage":{"input_tokens":5,"cache_creation_input_tokens":100,"cache_read_input_tokens":20,"output_tokens":1}}}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"input_tokens":5,"cache_read_input_tokens":20,"output_tokens":9}}

            event: thinking_summary_future
            data: not json at all

            event: message_stop
            data: {"type":"message_stop"}


            """
        let result = StreamHarness.run(provider.makeStreamDecoder(), [Array(stream.utf8)])
        #expect(result.events == [.usage(Usage(inputTokens: 125, outputTokens: 1, totalTokens: 126, cachedInputTokens: 20, cacheWriteTokens: 100)),
                                  .usage(Usage(inputTokens: 125, outputTokens: 9, totalTokens: 134, cachedInputTokens: 20, cacheWriteTokens: 100)),
                                  .finish("max_tokens"), .end])
    }

    @Test(arguments: [("overloaded_error", ProviderError.Category.overloaded), ("api_error", .streamError)])
    func midStreamErrorEvent(type: String, category: ProviderError.Category) {
        let head = Self.fixture.components(separatedBy: "event: content_block_stop")[0]
        let stream = head + "event: error\ndata: {\"type\": \"error\", \"error\": {\"type\": \"\(type)\", \"message\": \"Overloaded\\nnow\"}}\n\n"
        let result = StreamHarness.decodeAtEverySplit({ provider.makeStreamDecoder() }, Array(stream.utf8))
        #expect(result.events.filter { if case .text = $0 { true } else { false } }.count == 2)
        #expect(result.error?.category == category)
        #expect(result.error?.providerCode == type)
        #expect(result.error?.message.contains("Overloaded now") == true)
    }

    @Test func eofWithoutMessageStopIsTruncated() {
        let cut = Self.fixture.components(separatedBy: "event: message_stop")[0]
        let result = StreamHarness.decodeAtEverySplit({ provider.makeStreamDecoder() }, Array(cut.utf8))
        #expect(result.events.last == .finish("end_turn"))
        #expect(result.error?.category == .truncated)
    }

    @Test func nonStreamingReply() throws {
        let body = #"{"id":"msg_1","type":"message","role":"assistant","content":[{"type":"text","text":"Hi"},{"type":"thinking","thinking":"x"},{"type":"text","text":"!"}],"stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":2}}"#
        #expect(try provider.decodeResponse(Array(body.utf8))
                == [.text("Hi"), .reasoning("x"), .text("!"), .usage(Usage(inputTokens: 3, outputTokens: 2, totalTokens: 5)), .finish("end_turn"), .end])
    }
}

@Suite struct AnthropicErrorTests {
    let provider = AnthropicProvider()
    let endpoint = Endpoint(name: "anthropic", kind: .anthropic, baseURL: "https://api.anthropic.com",
                            credential: .apiKey(Secret("sk-ant-secret"), source: "ANTHROPIC_API_KEY"))

    func map(_ status: Int, _ type: String, _ message: String = "msg", headers: HTTPHeaders = [:],
             endpoint: Endpoint? = nil) -> ProviderError {
        let body = #"{"type":"error","error":{"type":"\#(type)","message":"\#(message)"},"request_id":"req_011"}"#
        return provider.decodeError(status: status, headers: headers, body: Array(body.utf8), endpoint: endpoint ?? self.endpoint)
    }

    @Test func authNamesTheKeySourceNeverTheKey() {
        let error = map(401, "authentication_error", "invalid x-api-key sk-ant-secret")
        #expect(error.category == .auth && error.exitStatus == .auth)
        #expect(error.message.contains("ANTHROPIC_API_KEY"))
        #expect(!error.message.contains("sk-ant-secret"))
        #expect(error.requestID == "req_011")
        let keyless = Endpoint(name: "anthropic", kind: .anthropic, baseURL: "https://api.anthropic.com", credentialHint: "ANTHROPIC_API_KEY")
        #expect(map(401, "authentication_error", endpoint: keyless).message.contains("export ANTHROPIC_API_KEY"))
    }

    @Test func statusTable() {
        #expect(map(400, "invalid_request_error").category == .badRequest)
        #expect(map(403, "permission_error").category == .permission)
        #expect(map(404, "not_found_error").category == .notFound)
        #expect(map(500, "api_error").category == .server)
        let overloaded = map(529, "overloaded_error", "Overloaded", headers: ["x-should-retry": "true"])
        #expect(overloaded.category == .overloaded && overloaded.shouldRetry == true)
        let cloudflare = provider.decodeError(status: 413, headers: ["request-id": "req_h"],
                                              body: Array("<html><body>413 Request Entity Too Large</body></html>".utf8), endpoint: endpoint)
        #expect(cloudflare.category == .badRequest && cloudflare.message.contains("too large") && cloudflare.requestID == "req_h")
    }

    @Test func rateLimitCarriesRetryAfter() {
        let error = map(429, "rate_limit_error", "Number of requests has exceeded your rate limit", headers: ["retry-after": "7"])
        #expect(error.category == .rateLimited && error.retryAfter == 7 && error.providerCode == "rate_limit_error")
        #expect(error.message.contains("wait 7s"))
    }
}

@Suite struct AnthropicEnvironmentTests {
    @Test func keyAndBaseURL() throws {
        let endpoint = try EnvironmentResolver(environment: ["ANTHROPIC_API_KEY": " sk-1 ", "ANTHROPIC_BASE_URL": "http://127.0.0.1:8080/"]).endpoint(for: "anthropic")
        #expect(endpoint.baseURL == "http://127.0.0.1:8080")
        #expect(endpoint.credential == .apiKey(Secret("sk-1"), source: "ANTHROPIC_API_KEY"))
        #expect(try EnvironmentResolver(environment: ["ANTHROPIC_API_KEY": "k"]).endpoint(for: "anthropic").baseURL == "https://api.anthropic.com")
        #expect(try EnvironmentResolver(environment: ["ANTHROPIC_AUTH_TOKEN": "t"]).endpoint(for: "anthropic").credential.source == "ANTHROPIC_AUTH_TOKEN")
    }

    @Test func missingKeyOrBadURL() {
        let missing = #expect(throws: ConfigError.self) { try EnvironmentResolver(environment: ["ANTHROPIC_API_KEY": " "]).endpoint(for: "anthropic") }
        #expect(missing?.message.contains("ANTHROPIC_API_KEY") == true)
        #expect(throws: ConfigError.self) {
            try EnvironmentResolver(environment: ["ANTHROPIC_API_KEY": "k", "ANTHROPIC_BASE_URL": "api.anthropic.com"]).endpoint(for: "anthropic")
        }
    }
}
