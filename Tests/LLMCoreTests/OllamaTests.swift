import Foundation
import Testing
@testable import LLMCore
import HTTPMessage

@Suite struct OllamaTests {
    let provider = OllamaProvider()
    let endpoint = Endpoint(name: "ollama", kind: .ollama, baseURL: "http://localhost:11434")

    // providers.md §7 lines (durations kept as recorded).
    static let stream = """
        {"model":"llama3.2","created_at":"2023-08-04T08:52:19.385406455-07:00","message":{"role":"assistant","content":"The"},"done":false}
        {"model":"llama3.2","created_at":"2023-08-04T08:52:19.5-07:00","message":{"role":"assistant","content":" sky ☃\\u2028"},"done":false}
        {"model":"llama3.2","created_at":"2023-08-04T19:22:45.499127Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","total_duration":4883583458,"load_duration":1334875,"prompt_eval_count":26,"prompt_eval_duration":342546000,"eval_count":282,"eval_duration":4535599000}

        """

    @Test func requestGolden() throws {
        let spec = try provider.makeRequest(typicalRequest("ollama:llama3.2"), endpoint: endpoint, context: RequestContext())
        #expect(spec.method == "POST")
        #expect(spec.url == "http://localhost:11434/api/chat")
        #expect(spec.headers["content-type"] == "application/json")
        #expect(spec.headers["authorization"] == nil)
        jsonEqual(spec.body, """
            {"model":"llama3.2","stream":true,
             "messages":[{"role":"system","content":"Be terse."},{"role":"user","content":"Hi"},
                         {"role":"assistant","content":"Hello."},{"role":"user","content":"Again"}],
             "options":{"temperature":0.3,"num_predict":512,"stop":["END"]}}
            """)
    }

    @Test func minimalNonStreamingRequestSaysStreamFalse() throws {
        let request = ChatRequest(model: ModelRef(provider: "ollama", model: "qwen3:8b"),
                                  messages: [ChatMessage(role: .user, content: "Hi")], stream: false)
        let spec = try provider.makeRequest(request, endpoint: endpoint, context: RequestContext())
        jsonEqual(spec.body, #"{"model":"qwen3:8b","stream":false,"messages":[{"role":"user","content":"Hi"}]}"#)
    }

    @Test func streamDecodesAtEverySplit() {
        let result = StreamHarness.decodeAtEverySplit({ provider.makeStreamDecoder() }, Array(Self.stream.utf8))
        #expect(result.error == nil)
        #expect(result.events == [.text("The"), .text(" sky ☃\u{2028}"),
                                  .usage(Usage(inputTokens: 26, outputTokens: 282, totalTokens: 308)),
                                  .finish("stop"), .end])
    }

    @Test func crlfAndMissingFinalNewlineAreTolerated() {
        let text = Self.stream.replacingOccurrences(of: "\n", with: "\r\n").trimmingCharacters(in: .newlines)
        let result = StreamHarness.run(provider.makeStreamDecoder(), [Array(text.utf8)])
        #expect(result.error == nil && result.events.last == .end)
    }

    @Test func midStreamErrorKeepsEarlierText() {
        let bytes = Array(#"""
            {"message":{"role":"assistant","content":"Par"},"done":false}
            {"error":"an error was encountered while running the model: unexpected EOF"}

            """#.utf8)
        let result = StreamHarness.decodeAtEverySplit({ provider.makeStreamDecoder() }, bytes)
        #expect(result.events == [.text("Par")])
        #expect(result.error?.category == .streamError)
        #expect(result.error?.message.contains("unexpected EOF") == true)
    }

    @Test func eofWithoutDoneIsTruncated() {
        let bytes = Array(#"{"message":{"role":"assistant","content":"Par"},"done":false}"# .utf8) + [10]
        let result = StreamHarness.decodeAtEverySplit({ provider.makeStreamDecoder() }, bytes)
        #expect(result.events == [.text("Par")])
        #expect(result.error?.category == .truncated)
    }

    @Test func garbageLineIsMalformed() {
        let result = StreamHarness.run(provider.makeStreamDecoder(), [Array("<html>oops</html>\n".utf8)])
        #expect(result.error?.category == .malformed)
    }

    @Test func nonStreamingReply() throws {
        let body = #"{"model":"llama3.2","message":{"role":"assistant","content":"Hello!"},"done":true,"done_reason":"length","prompt_eval_count":3,"eval_count":5}"#
        #expect(try provider.decodeResponse(Array(body.utf8))
                == [.text("Hello!"), .usage(Usage(inputTokens: 3, outputTokens: 5, totalTokens: 8)), .finish("length"), .end])
    }

    @Test func modelNotFoundSaysOllamaPull() {
        for body in [#"{"error":"model 'llama9' not found"}"#, #"{"error":"model \"llama9\" not found, try pulling it first"}"#] {
            let error = provider.decodeError(status: 404, headers: [:], body: Array(body.utf8), endpoint: endpoint)
            #expect(error.category == .notFound)
            #expect(error.message.contains("ollama pull llama9"), "\(error.message)")
        }
    }

    @Test func serverErrorAndNonJSONBody() {
        let error = provider.decodeError(status: 500, headers: [:], body: Array(#"{"error":"out of memory"}"#.utf8), endpoint: endpoint)
        #expect(error.category == .server && error.message.contains("out of memory"))
        let proxy = provider.decodeError(status: 502, headers: [:], body: Array("<html>\nBad gateway\n</html>".utf8), endpoint: endpoint)
        #expect(proxy.category == .server && !proxy.message.contains("\n"))
    }
}

@Suite struct OllamaEnvironmentTests {
    @Test func defaultIsLocalhost() throws {
        let endpoint = try EnvironmentResolver(environment: [:]).endpoint(for: "ollama")
        #expect(endpoint.baseURL == "http://localhost:11434")
        #expect(endpoint.kind == .ollama && endpoint.credential == .none)
        #expect(try EnvironmentResolver(environment: ["OLLAMA_HOST": "  "]).endpoint(for: "ollama").baseURL == "http://localhost:11434")
    }

    @Test(arguments: [
        ("127.0.0.1:11434", "http://127.0.0.1:11434"),
        ("0.0.0.0", "http://0.0.0.0:11434"),
        ("gpu-box", "http://gpu-box:11434"),
        ("gpu-box:8080", "http://gpu-box:8080"),
        (":9999", "http://localhost:9999"),
        ("http://gpu-box", "http://gpu-box"),
        ("https://ollama.example.com/", "https://ollama.example.com"),
        ("https://ollama.example.com:8443/prefix/", "https://ollama.example.com:8443/prefix"),
        ("[::1]:8080", "http://[::1]:8080"),
        ("::1", "http://[::1]:11434"),
        ("\"example.com:1234\"", "http://example.com:1234"),
        ("example.com:notaport", "http://example.com:11434"),
    ])
    func ollamaHostForms(raw: String, expected: String) throws {
        #expect(try EnvironmentResolver(environment: ["OLLAMA_HOST": raw]).endpoint(for: "ollama").baseURL == expected)
    }
}
