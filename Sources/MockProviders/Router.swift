import Foundation

import LoopbackServer

/// Where a request goes.
enum Route {
    /// Answered by the router itself (unknown path, wrong method).
    case answer(MockResponse)
    /// Handled by a provider.
    case provider(any ProviderRoute)
}

/// Maps method + path to a provider. Suffix matching lets OpenAI-compatible base URLs with any
/// prefix (`/v1`, `/api/v1`, `/openai/v1`) work.
enum Router {
    static func route(_ request: HTTPRequest) -> Route {
        let path = PercentEncoding.decode(request.path)
        let post = request.method == "POST"
        if path.hasSuffix("/chat/completions") {
            guard post else { return .answer(notAllowed(request)) }
            if path.hasPrefix("/openai/deployments/") {
                let deployment = path.dropFirst("/openai/deployments/".count)
                    .dropLast("/chat/completions".count)
                return .provider(AzureRoute(deployment: String(deployment)))
            }
            if path.hasPrefix("/openai/") { return .provider(AzureRoute(deployment: nil)) }
            return .provider(OpenAIRoute())
        }
        if path.hasSuffix("/models") && request.method == "GET" {
            if request.header("anthropic-version") != nil { return .provider(ModelListRoute(style: .anthropic)) }
            if path.hasPrefix("/v1beta/") || request.header("x-goog-api-key") != nil || request.query("key") != nil {
                return .provider(ModelListRoute(style: .gemini))
            }
            return .provider(ModelListRoute(style: .openAI))
        }
        if path == "/api/tags" && request.method == "GET" { return .provider(ModelListRoute(style: .ollama)) }
        if path.hasSuffix("/v1/messages") || path == "/messages" {
            guard post else { return .answer(notAllowed(request)) }
            return .provider(AnthropicRoute())
        }
        if let range = path.range(of: "/models/"),
           let colon = path[range.upperBound...].lastIndex(of: ":") {
            let model = String(path[range.upperBound..<colon])
            let method = path[path.index(after: colon)...]
            if method == "streamGenerateContent" || method == "generateContent" {
                guard post else { return .answer(notAllowed(request)) }
                return .provider(GeminiRoute(model: model, streaming: method == "streamGenerateContent"))
            }
        }
        if path.hasPrefix("/model/") && (path.hasSuffix("/converse-stream") || path.hasSuffix("/converse")) {
            guard post else { return .answer(notAllowed(request)) }
            let streaming = path.hasSuffix("/converse-stream")
            let model = path.dropFirst("/model/".count).dropLast(streaming ? 16 : 9)
            return .provider(BedrockRoute(modelID: String(model), streaming: streaming))
        }
        if path == "/api/chat" {
            guard post else { return .answer(notAllowed(request)) }
            return .provider(OllamaRoute())
        }
        return .answer(.json(404, #"{"error":{"message":"mock-providers: no route for \#(request.method) "#
            + #"\#(JSONText.quote(path).dropFirst().dropLast())","type":"invalid_request_error","param":null,"#
            + #""code":"unknown_url"}}"#))
    }

    private static func notAllowed(_ request: HTTPRequest) -> MockResponse {
        .json(405, #"{"error":{"message":"mock-providers: method \#(request.method) not allowed here","#
            + #""type":"invalid_request_error","param":null,"code":null}}"#, headers: [("allow", "POST")])
    }
}
