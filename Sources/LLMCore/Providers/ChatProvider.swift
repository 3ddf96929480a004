import struct Foundation.Date
import HTTPMessage

/// Turns bytes of a streamed reply into chat events, incrementally.
///
/// Decoders accept any chunking: feeding a reply one byte at a time yields the same events as feeding it whole.
public protocol ChatStreamDecoder: Sendable {
    /// Decodes as many events as the bytes so far complete. Throws `ProviderError` for an in-stream error.
    mutating func decode(_ bytes: [UInt8]) throws -> [ChatEvent]
    /// Called at end of input: returns trailing events, or throws `ProviderError.truncated` when the
    /// provider's end marker never arrived.
    mutating func finish() throws -> [ChatEvent]
}

/// A provider: pure functions from a chat request to an HTTP request, and from bytes back to events.
public protocol ChatProvider: Sendable {
    var kind: ProviderKind { get }
    /// Builds the HTTP request (URL, headers, JSON body; signed where the protocol requires it).
    func makeRequest(_ request: ChatRequest, endpoint: Endpoint, context: RequestContext) throws -> HTTPRequestSpec
    /// A fresh decoder for one streamed reply from `endpoint` (its errors name the endpoint: `groq`, not `openai`).
    func makeStreamDecoder(for endpoint: Endpoint) -> any ChatStreamDecoder
    /// Decodes a whole non-streamed 2xx reply body from `endpoint`.
    func decodeResponse(_ body: [UInt8], from endpoint: Endpoint) throws -> [ChatEvent]
    /// Maps a non-2xx reply to a one-line, actionable error.
    func decodeError(status: Int, headers: HTTPHeaders, body: [UInt8], endpoint: Endpoint) -> ProviderError
}

/// Per-request inputs that are not part of the chat itself (the clock, for signing).
public struct RequestContext: Sendable {
    /// Wall-clock time of the request, used by SigV4.
    public var date: Date
    public init(date: Date = Date()) { self.date = date }
}
