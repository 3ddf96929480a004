import Foundation
import Testing
@testable import LLMCore

/// What a stream decoder produced for one chunking of a reply: events until it threw, and the error.
struct DecodedStream: Equatable, CustomStringConvertible {
    var events: [ChatEvent]
    var error: ProviderError?

    var description: String { "\(events) error: \(error.map(\.message) ?? "none")" }

    /// All text deltas joined.
    var text: String {
        events.map { if case .text(let t) = $0 { t } else { "" } }.joined()
    }
}

/// Drives `ChatStreamDecoder`s the way the client does, over many chunkings of the same bytes.
enum StreamHarness {
    /// Feeds `chunks` in order, then finishes; stops at the first error.
    static func run(_ decoder: any ChatStreamDecoder, _ chunks: [[UInt8]]) -> DecodedStream {
        var decoder = decoder
        var events: [ChatEvent] = []
        do {
            for chunk in chunks { events += try decoder.decode(chunk) }
            events += try decoder.finish()
            return DecodedStream(events: events, error: nil)
        } catch let error as ProviderError {
            return DecodedStream(events: events, error: error)
        } catch {
            Issue.record("unexpected error type: \(error)")
            return DecodedStream(events: events, error: nil)
        }
    }

    /// The result of feeding `bytes` whole, after checking that every two-piece split and one-byte
    /// feeding give exactly the same events and error.
    static func decodeAtEverySplit(_ makeDecoder: () -> any ChatStreamDecoder, _ bytes: [UInt8],
                                   sourceLocation: SourceLocation = #_sourceLocation) -> DecodedStream {
        let whole = run(makeDecoder(), [bytes])
        for cut in 0...bytes.count {
            let split = run(makeDecoder(), [Array(bytes[..<cut]), Array(bytes[cut...])])
            #expect(split == whole, "split at \(cut)", sourceLocation: sourceLocation)
            if split != whole { break }
        }
        #expect(run(makeDecoder(), bytes.map { [$0] }) == whole, "one byte at a time", sourceLocation: sourceLocation)
        return whole
    }
}

/// Compares two JSON documents structurally (key order and number spelling do not matter).
func jsonEqual(_ bytes: [UInt8], _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = try? JSONSerialization.jsonObject(with: Data(bytes)) as? NSObject
    let wanted = try? JSONSerialization.jsonObject(with: Data(expected.utf8)) as? NSObject
    #expect(wanted != nil, "expected JSON does not parse", sourceLocation: sourceLocation)
    #expect(actual == wanted, "got \(String(decoding: bytes, as: UTF8.self))", sourceLocation: sourceLocation)
}

/// A chat request for `provider:model` with the typical conversation of providers.md.
func typicalRequest(_ model: String, stream: Bool = true) -> ChatRequest {
    ChatRequest(model: ModelRef(parsing: model)!, system: "Be terse.",
                messages: [ChatMessage(role: .user, content: "Hi"), ChatMessage(role: .assistant, content: "Hello."),
                           ChatMessage(role: .user, content: "Again")],
                options: SamplingOptions(temperature: 0.3, maxTokens: 512, stop: ["END"]), stream: stream)
}
