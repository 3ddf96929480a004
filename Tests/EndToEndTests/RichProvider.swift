import Foundation
import MockProviders
import Testing

/// One provider as the rich-conversation suites drive it: its environment against a MockServer, a
/// model, the path of its chat requests and the finish reason it gives a tool call.
enum RichProvider: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case openAI, azure, anthropic, gemini, bedrock, ollama

    var testDescription: String { rawValue }

    var model: String {
        switch self {
        case .openAI: "openai:gpt-4o-mini"
        case .azure: "azure:gpt-4o-deploy"
        case .anthropic: "anthropic:claude-sonnet-4-5"
        case .gemini: "gemini:gemini-2.5-flash"
        case .bedrock: "bedrock:anthropic.claude-3-7-sonnet-20250219-v1:0"
        case .ollama: "ollama:qwen3"
        }
    }

    func environment(_ server: MockServer) -> [String: String] {
        switch self {
        case .openAI:
            E2E.environment(["OPENAI_API_KEY": "sk-rich-0123456789", "OPENAI_BASE_URL": server.baseURL + "/v1"])
        case .azure:
            E2E.environment(["AZURE_OPENAI_API_KEY": "azure-rich-0123456789", "AZURE_OPENAI_ENDPOINT": server.baseURL,
                             "OPENAI_API_VERSION": "2024-10-21"])
        case .anthropic:
            E2E.environment(["ANTHROPIC_API_KEY": "sk-ant-rich-0123456789", "ANTHROPIC_BASE_URL": server.baseURL])
        case .gemini:
            E2E.environment(["GEMINI_API_KEY": "gemini-rich-0123456789", "GOOGLE_GEMINI_BASE_URL": server.baseURL])
        case .bedrock:
            E2E.environment(["AWS_ACCESS_KEY_ID": MockConfiguration.exampleAccessKeyID,
                             "AWS_SECRET_ACCESS_KEY": MockConfiguration.exampleSecretAccessKey, "AWS_REGION": "us-east-1",
                             "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": server.baseURL])
        case .ollama:
            E2E.environment(["OLLAMA_HOST": server.baseURL])
        }
    }

    /// The chat requests the server received (not model listings or control requests).
    func chatRequests(_ server: MockServer) -> [RecordedRequest] {
        server.recordedRequests.filter { request in
            switch self {
            case .openAI, .azure: request.path.hasSuffix("/chat/completions")
            case .anthropic: request.path == "/v1/messages"
            case .gemini: request.path.contains(":streamGenerateContent") || request.path.contains(":generateContent")
            case .bedrock: request.path.hasSuffix("/converse-stream") || request.path.hasSuffix("/converse")
            case .ollama: request.path == "/api/chat"
            }
        }
    }

    /// The finish reason of a reply that calls a tool, in the provider's words.
    var toolFinish: String {
        switch self {
        case .openAI, .azure: "tool_calls"
        case .anthropic, .bedrock: "tool_use"
        case .gemini: "STOP"
        case .ollama: "stop"
        }
    }
}
