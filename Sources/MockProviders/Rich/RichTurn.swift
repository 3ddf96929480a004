import Foundation
import LoopbackServer

/// What a request asks of the mock beyond plain text, read from any provider's request shape.
struct RichRequest {
    /// Names of the tools offered, in order.
    var toolNames: [String] = []
    /// The tool results the request ends with: the tool's name (found from the call it answers) and content.
    var toolResults: [(name: String, content: String)] = []
    /// The images of the last user message, as sent.
    var images: [(mediaType: String, bytes: [UInt8])] = []
    /// Whether the request turns reasoning on (a budget, an effort, `think`).
    var wantsReasoning = false
}

/// The mock's answer to a rich request: optional reasoning first, then either a tool call or text.
struct RichReply {
    var reasoning: String?
    var text: String?
    var toolCall: (name: String, arguments: String)?
    /// Prompt tokens read from and written to the cache, reported when the configuration asks.
    var cacheRead: Int?
    var cacheWrite: Int?
    /// Prompt tokens reported besides the cache (the provider's own `input_tokens`).
    var inputTokens = 10

    /// The reasoning as the pieces it streams in: one word (with its trailing space) each.
    var reasoningPieces: [String] { reasoning.map(ReplyPlan.tokenize) ?? [] }
    /// The answer as the pieces it streams in.
    var textPieces: [String] { text.map(ReplyPlan.tokenize) ?? [] }
    /// Reasoning words, counted as reasoning tokens.
    var reasoningTokens: Int { reasoningPieces.count }
    /// Output tokens: one per streamed piece (the tool call counts one, its arguments one per piece).
    var outputTokens: Int { reasoningPieces.count + textPieces.count + (toolCall == nil ? 0 : 1 + argumentPieces.count) }
    /// Tool-call arguments as they stream: four characters at a time, as OpenAI splits them.
    var argumentPieces: [String] {
        guard let arguments = toolCall?.arguments else { return [] }
        var pieces: [String] = []
        var rest = Substring(arguments)
        while !rest.isEmpty {
            pieces.append(String(rest.prefix(4)))
            rest = rest.dropFirst(4)
        }
        return pieces
    }
}

/// Decides the rich answer, the same for every provider:
/// - a request ending with tool results is answered `Tool NAME returned: CONTENT`;
/// - a request offering tools is answered with a call of the first one (`toolArguments`);
/// - images are answered with their media type, size and sha256, proving the bytes arrived intact;
/// - reasoning (asked for, or `reasoningText` configured) streams before the answer;
/// - `cacheRead` / `cacheWrite` in the configuration add cache counts to the usage.
/// Nil when none applies: the ordinary reply plan answers.
enum RichTurn {
    static let defaultReasoning = "Let me think this through step by step."
    static let reasonedAnswer = "Answer after reasoning."

    static func reply(to request: RichRequest, _ configuration: MockConfiguration) -> RichReply? {
        var reply = RichReply(cacheRead: configuration.cacheRead, cacheWrite: configuration.cacheWrite)
        if request.wantsReasoning || configuration.reasoningText != nil {
            reply.reasoning = configuration.reasoningText ?? defaultReasoning
        }
        if !request.toolResults.isEmpty {
            reply.text = request.toolResults.map { "Tool \($0.name) returned: \($0.content)" }.joined(separator: "\n")
            return reply
        }
        if let tool = request.toolNames.first {
            reply.toolCall = (tool, configuration.toolArguments)
            return reply
        }
        if !request.images.isEmpty {
            reply.text = request.images.enumerated().map { index, image in
                "Image \(index + 1): \(image.mediaType), \(image.bytes.count) bytes, sha256 \(SigV4.sha256Hex(image.bytes))."
            }.joined(separator: " ")
            return reply
        }
        if reply.reasoning != nil {
            reply.text = reasonedAnswer
            return reply
        }
        if configuration.cacheRead != nil || configuration.cacheWrite != nil {
            reply.text = "Mock reply with cache usage."
            return reply
        }
        return nil
    }

    /// Bytes of standard base64, or of a `data:` URL's payload.
    static func bytes(base64 text: String) -> [UInt8]? {
        let payload = text.hasPrefix("data:") ? String(text[(text.firstIndex(of: ",").map(text.index(after:)) ?? text.endIndex)...]) : text
        return Data(base64Encoded: payload).map(Array.init)
    }

    /// The media type of a `data:` URL (`data:image/png;base64,…`).
    static func mediaType(ofDataURL url: String) -> String {
        guard url.hasPrefix("data:"), let end = url.firstIndex(where: { $0 == ";" || $0 == "," }) else { return "" }
        return String(url[url.index(url.startIndex, offsetBy: 5)..<end])
    }
}

/// A streamed reply whose frames are written in advance, one group per delta, so the runner paces
/// them (`tokenDelay` before each) and faults cut into them like any stream.
struct ScriptedDialect: MockDialect {
    let contentType: String
    let head: [Frame]
    let deltas: [[Frame]]
    let tail: [Frame]
    let end: [Frame]
    /// The provider's ordinary dialect, for the frames only faults send.
    let base: any MockDialect

    func prologue() -> [Frame] { head }
    func delta(index: Int, text: String, finish: Finish?) -> [Frame] { deltas[index] }
    func epilogue(tokens: Int, finish: Finish) -> [Frame] { tail }
    func endMarker(tokens: Int, finish: Finish) -> [Frame] { end }
    func streamError(type: String?) -> Frame { base.streamError(type: type) }
    func malformed() -> Frame { base.malformed() }

    /// The response that plays this script.
    func response(model: String, headers: [(String, String)]) -> MockResponse {
        .stream(status: 200, headers: headers, dialect: self, plan: ReplyPlan(model: model, scriptedDeltas: deltas.count))
    }
}
