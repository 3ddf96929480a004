import Testing
@testable import LLMCore

extension ChatProvider {
    /// The endpoint of this protocol's built-in provider (`openai`, `azure`, `anthropic` …), so a test
    /// decodes as a request to it would and messages name it.
    var builtInEndpoint: Endpoint {
        Endpoint(name: kind.rawValue, kind: kind, baseURL: "https://\(kind.rawValue).example")
    }

    /// A decoder for a reply from the built-in endpoint.
    func makeStreamDecoder() -> any ChatStreamDecoder { makeStreamDecoder(for: builtInEndpoint) }

    /// A whole reply from the built-in endpoint.
    func decodeResponse(_ body: [UInt8]) throws -> [ChatEvent] { try decodeResponse(body, from: builtInEndpoint) }
}
