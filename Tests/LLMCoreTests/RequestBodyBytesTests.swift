import Testing
@testable import LLMCore
import HTTPMessage

/// Request bodies byte for byte, so a change of JSON writer cannot change what is sent (or signed)
/// unnoticed. The goldens are what the sorted-key `JSONEncoder` wrote before the one writer replaced it.
@Suite struct RequestBodyBytesTests {
    static let providers: [(name: String, provider: any ChatProvider, endpoint: Endpoint)] = [
        ("openai", OpenAIProvider(), Endpoint(name: "openai", kind: .openAI, baseURL: "https://api.openai.com/v1",
                                              credential: .apiKey(Secret("sk-x"), source: "OPENAI_API_KEY"))),
        ("groq", OpenAIProvider(), Endpoint(name: "groq", kind: .openAI, baseURL: "https://api.groq.com/openai/v1",
                                            credential: .apiKey(Secret("gsk-x"), source: "GROQ_API_KEY"))),
        ("anthropic", AnthropicProvider(), Endpoint(name: "anthropic", kind: .anthropic, baseURL: "https://api.anthropic.com",
                                                    credential: .apiKey(Secret("sk-ant-x"), source: "ANTHROPIC_API_KEY"))),
        ("gemini", GeminiProvider(), Endpoint(name: "gemini", kind: .gemini, baseURL: "https://generativelanguage.googleapis.com",
                                              credential: .apiKey(Secret("g-x"), source: "GEMINI_API_KEY"))),
        ("bedrock", BedrockProvider(), Endpoint(name: "bedrock", kind: .bedrock, baseURL: "https://bedrock-runtime.us-east-1.amazonaws.com",
                                                credential: .bearer(Secret("b-x"), source: "AWS_BEARER_TOKEN_BEDROCK"))),
        ("ollama", OllamaProvider(), Endpoint(name: "ollama", kind: .ollama, baseURL: "http://localhost:11434")),
    ]

    /// Quotes, backslashes, a slash, control characters, non-ASCII text; a temperature with a long
    /// fraction; an empty stop list (sent as `[]` by the native providers, left out for OpenAI).
    static func tricky(_ provider: String) -> ChatRequest {
        ChatRequest(model: ModelRef(provider: provider, model: "m/1"), system: "Say \"hi\" \\ </b>\n\tend",
                    messages: [ChatMessage(role: .user, content: "é 日本 🙂 \u{1}\u{1F}\u{7F}\r"),
                               ChatMessage(role: .system, content: "also"), ChatMessage(role: .assistant, content: "")],
                    options: SamplingOptions(temperature: 0.1 + 0.2, maxTokens: 1, stop: []), stream: false)
    }

    static func bodies() throws -> [String] {
        var out: [String] = []
        for (name, provider, endpoint) in providers {
            for request in [typicalRequest("\(name):model-1"), tricky(name)] {
                let spec = try provider.makeRequest(request, endpoint: endpoint, context: RequestContext())
                out.append(String(decoding: spec.body, as: UTF8.self))
            }
            var bare = ChatRequest(model: ModelRef(provider: name, model: "m"), messages: [ChatMessage(role: .user, content: "Hi")])
            bare.options.temperature = 1
            out.append(String(decoding: try provider.makeRequest(bare, endpoint: endpoint, context: RequestContext()).body, as: UTF8.self))
        }
        return out
    }

    @Test func bodiesAreByteIdentical() throws {
        let actual = try Self.bodies()
        #expect(actual.count == Self.goldens.count)
        for (body, golden) in zip(actual, Self.goldens) { #expect(body == golden) }
    }

    static let goldens: [String] = [
        "{\"max_completion_tokens\":512,\"messages\":[{\"content\":\"Be terse.\",\"role\":\"system\"},{\"content\":\"Hi\",\"role\":\"user\"},{\"content\":\"Hello.\",\"role\":\"assistant\"},{\"content\":\"Again\",\"role\":\"user\"}],\"model\":\"model-1\",\"stop\":[\"END\"],\"stream\":true,\"stream_options\":{\"include_usage\":true},\"temperature\":0.3}",
        "{\"max_completion_tokens\":1,\"messages\":[{\"content\":\"Say \\\"hi\\\" \\\\ </b>\\n\\tend\",\"role\":\"system\"},{\"content\":\"é 日本 🙂 \\u0001\\u001f\u{7F}\\r\",\"role\":\"user\"},{\"content\":\"also\",\"role\":\"system\"},{\"content\":\"\",\"role\":\"assistant\"}],\"model\":\"m/1\",\"temperature\":0.30000000000000004}",
        "{\"messages\":[{\"content\":\"Hi\",\"role\":\"user\"}],\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"temperature\":1}",
        "{\"max_tokens\":512,\"messages\":[{\"content\":\"Be terse.\",\"role\":\"system\"},{\"content\":\"Hi\",\"role\":\"user\"},{\"content\":\"Hello.\",\"role\":\"assistant\"},{\"content\":\"Again\",\"role\":\"user\"}],\"model\":\"model-1\",\"stop\":[\"END\"],\"stream\":true,\"stream_options\":{\"include_usage\":true},\"temperature\":0.3}",
        "{\"max_tokens\":1,\"messages\":[{\"content\":\"Say \\\"hi\\\" \\\\ </b>\\n\\tend\",\"role\":\"system\"},{\"content\":\"é 日本 🙂 \\u0001\\u001f\u{7F}\\r\",\"role\":\"user\"},{\"content\":\"also\",\"role\":\"system\"},{\"content\":\"\",\"role\":\"assistant\"}],\"model\":\"m/1\",\"temperature\":0.30000000000000004}",
        "{\"messages\":[{\"content\":\"Hi\",\"role\":\"user\"}],\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"temperature\":1}",
        "{\"max_tokens\":512,\"messages\":[{\"content\":\"Hi\",\"role\":\"user\"},{\"content\":\"Hello.\",\"role\":\"assistant\"},{\"content\":\"Again\",\"role\":\"user\"}],\"model\":\"model-1\",\"stop_sequences\":[\"END\"],\"stream\":true,\"system\":\"Be terse.\",\"temperature\":0.3}",
        "{\"max_tokens\":1,\"messages\":[{\"content\":\"é 日本 🙂 \\u0001\\u001f\u{7F}\\r\",\"role\":\"user\"},{\"content\":\"\",\"role\":\"assistant\"}],\"model\":\"m/1\",\"stop_sequences\":[],\"stream\":false,\"system\":\"Say \\\"hi\\\" \\\\ </b>\\n\\tend\\n\\nalso\",\"temperature\":0.30000000000000004}",
        "{\"max_tokens\":4096,\"messages\":[{\"content\":\"Hi\",\"role\":\"user\"}],\"model\":\"m\",\"stream\":true,\"temperature\":1}",
        "{\"contents\":[{\"parts\":[{\"text\":\"Hi\"}],\"role\":\"user\"},{\"parts\":[{\"text\":\"Hello.\"}],\"role\":\"model\"},{\"parts\":[{\"text\":\"Again\"}],\"role\":\"user\"}],\"generationConfig\":{\"maxOutputTokens\":512,\"stopSequences\":[\"END\"],\"temperature\":0.3},\"systemInstruction\":{\"parts\":[{\"text\":\"Be terse.\"}]}}",
        "{\"contents\":[{\"parts\":[{\"text\":\"é 日本 🙂 \\u0001\\u001f\u{7F}\\r\"}],\"role\":\"user\"},{\"parts\":[{\"text\":\"\"}],\"role\":\"model\"}],\"generationConfig\":{\"maxOutputTokens\":1,\"stopSequences\":[],\"temperature\":0.30000000000000004},\"systemInstruction\":{\"parts\":[{\"text\":\"Say \\\"hi\\\" \\\\ </b>\\n\\tend\\n\\nalso\"}]}}",
        "{\"contents\":[{\"parts\":[{\"text\":\"Hi\"}],\"role\":\"user\"}],\"generationConfig\":{\"temperature\":1}}",
        "{\"inferenceConfig\":{\"maxTokens\":512,\"stopSequences\":[\"END\"],\"temperature\":0.3},\"messages\":[{\"content\":[{\"text\":\"Hi\"}],\"role\":\"user\"},{\"content\":[{\"text\":\"Hello.\"}],\"role\":\"assistant\"},{\"content\":[{\"text\":\"Again\"}],\"role\":\"user\"}],\"system\":[{\"text\":\"Be terse.\"}]}",
        "{\"inferenceConfig\":{\"maxTokens\":1,\"stopSequences\":[],\"temperature\":0.30000000000000004},\"messages\":[{\"content\":[{\"text\":\"é 日本 🙂 \\u0001\\u001f\u{7F}\\r\"}],\"role\":\"user\"},{\"content\":[{\"text\":\"\"}],\"role\":\"assistant\"}],\"system\":[{\"text\":\"Say \\\"hi\\\" \\\\ </b>\\n\\tend\\n\\nalso\"}]}",
        "{\"inferenceConfig\":{\"temperature\":1},\"messages\":[{\"content\":[{\"text\":\"Hi\"}],\"role\":\"user\"}]}",
        "{\"messages\":[{\"content\":\"Be terse.\",\"role\":\"system\"},{\"content\":\"Hi\",\"role\":\"user\"},{\"content\":\"Hello.\",\"role\":\"assistant\"},{\"content\":\"Again\",\"role\":\"user\"}],\"model\":\"model-1\",\"options\":{\"num_predict\":512,\"stop\":[\"END\"],\"temperature\":0.3},\"stream\":true}",
        "{\"messages\":[{\"content\":\"Say \\\"hi\\\" \\\\ </b>\\n\\tend\\n\\nalso\",\"role\":\"system\"},{\"content\":\"é 日本 🙂 \\u0001\\u001f\u{7F}\\r\",\"role\":\"user\"},{\"content\":\"\",\"role\":\"assistant\"}],\"model\":\"m/1\",\"options\":{\"num_predict\":1,\"stop\":[],\"temperature\":0.30000000000000004},\"stream\":false}",
        "{\"messages\":[{\"content\":\"Hi\",\"role\":\"user\"}],\"model\":\"m\",\"options\":{\"temperature\":1},\"stream\":true}",
    ]
}
