import Foundation
import Testing
@testable import LLMCore
import HTTPMessage

@Suite struct GeminiTests {
    let provider = GeminiProvider()
    let endpoint = Endpoint(name: "gemini", kind: .gemini, baseURL: "https://generativelanguage.googleapis.com",
                            credential: .apiKey(Secret("AIza-secret"), source: "GEMINI_API_KEY"))

    /// providers.md §5's sample (first chunk verbatim), completed with a thought part and a final chunk.
    static let stream = """
        data: {"candidates": [{"content": {"parts": [{"text": "Certainly"}],"role": "model"}}],"usageMetadata": {"promptTokenCount": 399,"totalTokenCount": 399},"modelVersion": "gemini-1.5-pro-002"}

        data: {"candidates": [{"content": {"parts": [{"text": "planning…", "thought": true},{"text": "! I'll create ☃\\u2028"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 399,"totalTokenCount": 399},"modelVersion": "gemini-1.5-pro-002"}

        data: {"candidates": [{"content": {"parts": [{"text": " it."}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 399,"candidatesTokenCount": 12,"thoughtsTokenCount": 3,"totalTokenCount": 414},"modelVersion": "gemini-1.5-pro-002","responseId": "abc"}


        """

    @Test func requestGolden() throws {
        let spec = try provider.makeRequest(typicalRequest("gemini:gemini-2.5-flash"), endpoint: endpoint, context: RequestContext())
        #expect(spec.url == "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse")
        #expect(spec.headers["x-goog-api-key"] == "AIza-secret")
        jsonEqual(spec.body, """
            {"systemInstruction":{"parts":[{"text":"Be terse."}]},
             "contents":[{"role":"user","parts":[{"text":"Hi"}]},{"role":"model","parts":[{"text":"Hello."}]},{"role":"user","parts":[{"text":"Again"}]}],
             "generationConfig":{"temperature":0.3,"maxOutputTokens":512,"stopSequences":["END"]}}
            """)
    }

    @Test func minimalNonStreamingRequestWithVersion() throws {
        var versioned = endpoint
        versioned.apiVersion = "v1"
        let request = ChatRequest(model: ModelRef(provider: "gemini", model: "models/gemini-2.5-pro"),
                                  messages: [ChatMessage(role: .user, content: "Hi")], stream: false)
        let spec = try provider.makeRequest(request, endpoint: versioned, context: RequestContext())
        #expect(spec.url == "https://generativelanguage.googleapis.com/v1/models/gemini-2.5-pro:generateContent")
        jsonEqual(spec.body, #"{"contents":[{"role":"user","parts":[{"text":"Hi"}]}]}"#)
    }

    @Test func streamAtEverySplit() {
        let result = StreamHarness.decodeAtEverySplit({ provider.makeStreamDecoder() }, Array(Self.stream.utf8))
        #expect(result.error == nil)
        #expect(result.events == [
            .text("Certainly"), .usage(Usage(inputTokens: 399, totalTokens: 399)),
            .reasoning("planning…"), .text("! I'll create ☃\u{2028}"),
            .text(" it."), .usage(Usage(inputTokens: 399, outputTokens: 15, totalTokens: 414, reasoningTokens: 3)), .finish("STOP"),
            .end,
        ])
        let crlf = Self.stream.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(StreamHarness.run(provider.makeStreamDecoder(), [Array(crlf.utf8)]) == result)
    }

    @Test(arguments: ["SAFETY", "RECITATION", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII"])
    func safetyFinishReasonsStillFinish(reason: String) {
        let stream = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Par\"}]}}]}\n\n"
            + "data: {\"candidates\":[{\"finishReason\":\"\(reason)\",\"safetyRatings\":[]}]}\n\n"
        let result = StreamHarness.run(provider.makeStreamDecoder(), [Array(stream.utf8)])
        #expect(result.error == nil)
        #expect(result.events == [.text("Par"), .finish(reason), .end])
    }

    @Test func blockedPromptThrowsBlocked() {
        let stream = #"data: {"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[]},"usageMetadata":{"promptTokenCount":8,"totalTokenCount":8}}"# + "\n\n"
        let result = StreamHarness.decodeAtEverySplit({ provider.makeStreamDecoder() }, Array(stream.utf8))
        #expect(result.error?.category == .blocked)
        #expect(result.error?.message.contains("SAFETY") == true)
    }

    @Test func errorPayloadMidStream() {
        let stream = #"data: {"candidates":[{"content":{"parts":[{"text":"Par"}]}}]}"# + "\n\n"
            + #"data: {"error":{"code":500,"message":"An internal error has occurred.","status":"INTERNAL"}}"# + "\n\n"
        let result = StreamHarness.decodeAtEverySplit({ provider.makeStreamDecoder() }, Array(stream.utf8))
        #expect(result.events == [.text("Par")])
        #expect(result.error?.category == .streamError)
        #expect(result.error?.providerCode == "INTERNAL")
        #expect(result.error?.message.contains("An internal error has occurred.") == true)
    }

    @Test func eofWithoutFinishReasonIsTruncated() {
        let cut = Self.stream.components(separatedBy: "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \" it.\"")[0]
        let result = StreamHarness.decodeAtEverySplit({ provider.makeStreamDecoder() }, Array(cut.utf8))
        #expect(result.error?.category == .truncated)
        #expect(result.text == "Certainly! I'll create ☃\u{2028}")
    }

    @Test func nonStreamingReply() throws {
        let body = #"{"candidates":[{"content":{"parts":[{"text":"Hi"},{"text":"!"}],"role":"model"},"finishReason":"MAX_TOKENS"}],"usageMetadata":{"promptTokenCount":2,"candidatesTokenCount":2,"totalTokenCount":4}}"#
        #expect(try provider.decodeResponse(Array(body.utf8))
                == [.text("Hi"), .text("!"), .usage(Usage(inputTokens: 2, outputTokens: 2, totalTokens: 4)), .finish("MAX_TOKENS"), .end])
    }
}

@Suite struct GeminiErrorTests {
    let provider = GeminiProvider()
    let endpoint = Endpoint(name: "gemini", kind: .gemini, baseURL: "https://generativelanguage.googleapis.com",
                            credential: .apiKey(Secret("AIza-secret"), source: "GOOGLE_API_KEY"))

    func map(_ status: Int, _ body: String, endpoint: Endpoint? = nil) -> ProviderError {
        provider.decodeError(status: status, headers: [:], body: Array(body.utf8), endpoint: endpoint ?? self.endpoint)
    }

    @Test func invalidKeyIsAuthNamingTheVariable() {
        let body = #"""
            {"error":{"code":400,"message":"API key not valid. Please pass a valid API key. AIza-secret","status":"INVALID_ARGUMENT",
             "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]}}
            """#
        let error = map(400, body)
        #expect(error.category == .auth)
        #expect(error.providerCode == "API_KEY_INVALID")
        #expect(error.message.contains("GOOGLE_API_KEY"))
        #expect(!error.message.contains("AIza-secret"))
        #expect(!error.message.contains("\n"))
        // The same body wrapped in a one-element array (JSON-array mode).
        #expect(map(400, "[\(body)]").category == .auth)
    }

    @Test func otherBadRequestsAreNotAuth() {
        #expect(map(400, #"{"error":{"code":400,"message":"Invalid value","status":"INVALID_ARGUMENT"}}"#).category == .badRequest)
    }

    @Test func permissionAndMissingKey() {
        #expect(map(403, #"{"error":{"code":403,"message":"Permission denied","status":"PERMISSION_DENIED"}}"#).category == .permission)
        let keyless = Endpoint(name: "gemini", kind: .gemini, baseURL: "https://generativelanguage.googleapis.com")
        let missing = map(403, #"{"error":{"code":403,"message":"Method doesn't allow unregistered callers","status":"PERMISSION_DENIED"}}"#, endpoint: keyless)
        #expect(missing.category == .auth && missing.message.contains("GEMINI_API_KEY"))
    }

    @Test(arguments: [("7s", 7.0), ("1.5s", 1.5), ("0.250s", 0.25)])
    func retryInfoDelay(delay: String, seconds: Double) {
        let body = """
            {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED",
             "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[]},
                        {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"\(delay)"}]}}
            """
        let error = map(429, body)
        #expect(error.category == .rateLimited)
        #expect(error.providerCode == "RESOURCE_EXHAUSTED")
        #expect(error.retryAfter == seconds)
    }

    @Test func serverStatuses() {
        #expect(map(404, #"{"error":{"code":404,"message":"models/x is not found","status":"NOT_FOUND"}}"#).category == .notFound)
        #expect(map(500, #"{"error":{"code":500,"message":"Internal","status":"INTERNAL"}}"#).category == .server)
        #expect(map(503, #"{"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}"#).category == .overloaded)
        #expect(map(502, "<html>Bad Gateway</html>").message.contains("Bad Gateway"))
    }
}

@Suite struct GeminiEnvironmentTests {
    @Test func googleKeyWinsAndOverridesApply() throws {
        let endpoint = try EnvironmentResolver(environment: [
            "GEMINI_API_KEY": "gem", "GOOGLE_API_KEY": "goo",
            "GOOGLE_GEMINI_BASE_URL": "http://127.0.0.1:9/", "GOOGLE_GENAI_API_VERSION": "v1",
        ]).endpoint(for: "gemini")
        #expect(endpoint.credential == .apiKey(Secret("goo"), source: "GOOGLE_API_KEY"))
        #expect(endpoint.baseURL == "http://127.0.0.1:9" && endpoint.apiVersion == "v1")
        let plain = try EnvironmentResolver(environment: ["GEMINI_API_KEY": "gem", "GOOGLE_API_KEY": ""]).endpoint(for: "gemini")
        #expect(plain.credential.source == "GEMINI_API_KEY")
        #expect(plain.baseURL == "https://generativelanguage.googleapis.com" && plain.apiVersion == nil)
    }

    @Test func missingKey() {
        let error = #expect(throws: ConfigError.self) { try EnvironmentResolver(environment: [:]).endpoint(for: "gemini") }
        #expect(error?.message.contains("GEMINI_API_KEY") == true && error?.message.contains("GOOGLE_API_KEY") == true)
    }
}
