import Foundation
import Testing
@testable import LLMCore
import HTTPMessage

/// Any JSON value, compared structurally (key order and spacing do not matter).
private indirect enum JSON: Decodable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSON]), object([String: JSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSON].self)) }
    }

    static func parse(_ bytes: [UInt8]) throws -> JSON { try JSONDecoder().decode(JSON.self, from: Data(bytes)) }
    static func parse(_ text: String) throws -> JSON { try parse(Array(text.utf8)) }
}

private let key = "sk-test-1234567890abcdefghij"

private func openAIEndpoint(_ base: String = "https://api.openai.com/v1", credential: Credential? = nil) -> Endpoint {
    Endpoint(name: "openai", kind: .openAI, baseURL: base,
             credential: credential ?? .apiKey(Secret(key), source: "OPENAI_API_KEY"), credentialHint: "OPENAI_API_KEY")
}

private func azureEndpoint(_ base: String, apiVersion: String? = nil) -> Endpoint {
    Endpoint(name: "azure", kind: .azureOpenAI, baseURL: base,
             credential: .apiKey(Secret(key), source: "AZURE_OPENAI_API_KEY"), apiVersion: apiVersion)
}

private let typical = ChatRequest(
    model: ModelRef(provider: "openai", model: "gpt-4o-mini"), system: "Be terse.",
    messages: [ChatMessage(role: .user, content: "Hi")],
    options: SamplingOptions(temperature: 0.2, maxTokens: 512, stop: ["\n\nUser:"]))

@Suite struct OpenAIRequestTests {
    let provider = OpenAIProvider(kind: .openAI)

    @Test func openAITypicalBody() throws {
        let spec = try provider.makeRequest(typical, endpoint: openAIEndpoint(), context: RequestContext())
        #expect(spec.method == "POST")
        #expect(spec.url == "https://api.openai.com/v1/chat/completions")
        #expect(try JSON.parse(spec.body) == JSON.parse("""
            {"model":"gpt-4o-mini",
             "messages":[{"role":"system","content":"Be terse."},{"role":"user","content":"Hi"}],
             "temperature":0.2,"max_completion_tokens":512,"stop":["\\n\\nUser:"],
             "stream":true,"stream_options":{"include_usage":true}}
            """))
        #expect(spec.headers["Authorization"] == "Bearer \(key)")
        #expect(spec.headers["Content-Type"] == "application/json")
        #expect(spec.headers["Accept"] == "text/event-stream")
        #expect(spec.headers["api-key"] == nil)
        #expect(spec.secretValues == ["Bearer \(key)"])
    }

    @Test func minimalBodyOmitsUnsetOptions() throws {
        let request = ChatRequest(model: ModelRef(provider: "openai", model: "gpt-4o-mini"),
                                  messages: [ChatMessage(role: .user, content: "Hi")], options: .init(stop: []))
        let spec = try provider.makeRequest(request, endpoint: openAIEndpoint(), context: RequestContext())
        #expect(try JSON.parse(spec.body) == JSON.parse("""
            {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],
             "stream":true,"stream_options":{"include_usage":true}}
            """))
    }

    @Test func nonStreamingRequest() throws {
        var request = typical
        request.stream = false
        request.system = nil
        let spec = try provider.makeRequest(request, endpoint: openAIEndpoint(), context: RequestContext())
        #expect(try JSON.parse(spec.body) == JSON.parse("""
            {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],
             "temperature":0.2,"max_completion_tokens":512,"stop":["\\n\\nUser:"]}
            """))
        #expect(spec.headers["Accept"] == "application/json")
    }

    @Test func compatibleHostGetsMaxTokensAndNoKeyMeansNoAuthorization() throws {
        var request = typical
        request.model = ModelRef(provider: "vllm", model: "meta-llama/Llama-3.1-8B-Instruct")
        let endpoint = Endpoint(name: "vllm", kind: .openAI, baseURL: "http://localhost:8000/v1/",
                                extraHeaders: ["X-Custom": "1"])
        let spec = try provider.makeRequest(request, endpoint: endpoint, context: RequestContext())
        #expect(spec.url == "http://localhost:8000/v1/chat/completions")
        #expect(try JSON.parse(spec.body) == JSON.parse("""
            {"model":"meta-llama/Llama-3.1-8B-Instruct",
             "messages":[{"role":"system","content":"Be terse."},{"role":"user","content":"Hi"}],
             "temperature":0.2,"max_tokens":512,"stop":["\\n\\nUser:"],
             "stream":true,"stream_options":{"include_usage":true}}
            """))
        #expect(spec.headers["Authorization"] == nil)
        #expect(spec.headers.fields.last == HTTPHeaders.Field(name: "X-Custom", value: "1"))
    }

    @Test func extraHeadersAreAppended() throws {
        var endpoint = openAIEndpoint()
        endpoint.extraHeaders = ["OpenAI-Organization": "org-1", "OpenAI-Project": "proj-1"]
        let spec = try provider.makeRequest(typical, endpoint: endpoint, context: RequestContext())
        #expect(spec.headers.fields.map(\.name) == ["Authorization", "Content-Type", "Accept",
                                                    "OpenAI-Organization", "OpenAI-Project"])
    }

    @Test func awsCredentialsAreAConfigError() {
        let aws = AWSCredentials(accessKeyID: "AKID", secretAccessKey: Secret("s"))
        let endpoint = openAIEndpoint(credential: .aws(aws, region: "us-east-1", source: "AWS_ACCESS_KEY_ID"))
        #expect(throws: ConfigError.self) { try provider.makeRequest(typical, endpoint: endpoint, context: RequestContext()) }
    }

    @Test func hostParsing() {
        #expect(URLParts.host(of: "https://API.openai.com/v1") == "api.openai.com")
        #expect(URLParts.host(of: "https://api.openai.com:443/v1") == "api.openai.com")
        #expect(URLParts.host(of: "http://user:pw@localhost:8000") == "localhost")
        #expect(URLParts.host(of: "http://[::1]:8000/v1") == "::1")
        #expect(URLParts.host(of: "https://api.openai.com.evil.example/v1") == "api.openai.com.evil.example")
    }
}

@Suite struct AzureRequestTests {
    let provider = OpenAIProvider(kind: .azureOpenAI)

    private func request(deployment: String) -> ChatRequest {
        var request = typical
        request.model = ModelRef(provider: "azure", model: deployment)
        return request
    }

    @Test func classicPath() throws {
        let spec = try provider.makeRequest(request(deployment: "gpt4o-prod"),
                                            endpoint: azureEndpoint("https://res.openai.azure.com/"),
                                            context: RequestContext())
        #expect(spec.url == "https://res.openai.azure.com/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21")
        #expect(spec.headers["api-key"] == key)
        #expect(spec.headers["Authorization"] == nil)
        #expect(try JSON.parse(spec.body) == JSON.parse("""
            {"model":"gpt4o-prod",
             "messages":[{"role":"system","content":"Be terse."},{"role":"user","content":"Hi"}],
             "temperature":0.2,"max_completion_tokens":512,"stop":["\\n\\nUser:"],
             "stream":true,"stream_options":{"include_usage":true}}
            """))
    }

    @Test func classicPathEncodesDeploymentAndUsesConfiguredVersion() throws {
        let spec = try provider.makeRequest(request(deployment: "my dep/../x?y"),
                                            endpoint: azureEndpoint("https://res.openai.azure.com/openai",
                                                                    apiVersion: "2025-04-01-preview"),
                                            context: RequestContext())
        #expect(spec.url == "https://res.openai.azure.com/openai/deployments/my%20dep%2F..%2Fx%3Fy/chat/completions?api-version=2025-04-01-preview")
    }

    @Test func v1Path() throws {
        let spec = try provider.makeRequest(request(deployment: "gpt4o-prod"),
                                            endpoint: azureEndpoint("https://res.openai.azure.com/openai/v1",
                                                                    apiVersion: "2024-10-21"),
                                            context: RequestContext())
        #expect(spec.url == "https://res.openai.azure.com/openai/v1/chat/completions")
        #expect(spec.headers["api-key"] == key)
        #expect(try JSON.parse(spec.body) == JSON.parse("""
            {"model":"gpt4o-prod",
             "messages":[{"role":"system","content":"Be terse."},{"role":"user","content":"Hi"}],
             "temperature":0.2,"max_completion_tokens":512,"stop":["\\n\\nUser:"],
             "stream":true,"stream_options":{"include_usage":true}}
            """))
    }

    @Test func entraTokenIsSentAsBearer() throws {
        var endpoint = azureEndpoint("https://res.openai.azure.com")
        endpoint.credential = .bearer(Secret("entra-token"), source: "AZURE_OPENAI_AD_TOKEN")
        let spec = try provider.makeRequest(request(deployment: "d"), endpoint: endpoint, context: RequestContext())
        #expect(spec.headers["Authorization"] == "Bearer entra-token")
        #expect(spec.headers["api-key"] == nil)
    }
}

@Suite struct OpenAIResponseTests {
    let provider = OpenAIProvider()

    @Test func nonStreamedReply() throws {
        let body = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello!","refusal":null},
                         "logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11}}
            """
        #expect(try provider.decodeResponse(Array(body.utf8)) == [
            .text("Hello!"), .finish("stop"), .usage(Usage(inputTokens: 9, outputTokens: 2, totalTokens: 11)), .end,
        ])
    }

    @Test func nonStreamedErrorAndGarbage() {
        #expect(throws: ProviderError.self) {
            try provider.decodeResponse(Array(#"{"error":{"message":"boom","type":"server_error"}}"#.utf8))
        }
        do {
            _ = try provider.decodeResponse(Array("<html>oops</html>".utf8))
            Issue.record("expected an error")
        } catch let error as ProviderError {
            #expect(error.category == .malformed)
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(throws: ProviderError.self) { try provider.decodeResponse(Array(#"{"choices":[]}"#.utf8)) }
    }
}
