import Foundation
import Testing
@testable import LLMCore

/// The recorded stream of providers.md §2 (openai-python fixture), with the elided fields filled in.
private let recordedOpenAIStream = """
    data: {"id":"chatcmpl-ABfw","object":"chat.completion.chunk","created":1727346168,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_5050236cbd","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}]}

    data: {"id":"chatcmpl-ABfw","object":"chat.completion.chunk","created":1727346168,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_5050236cbd","choices":[{"index":0,"delta":{"content":"I'm"},"logprobs":null,"finish_reason":null}]}

    data: {"id":"chatcmpl-ABfw","object":"chat.completion.chunk","created":1727346168,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_5050236cbd","choices":[{"index":0,"delta":{"content":" fine \\u2028\u{2028}✓"},"logprobs":null,"finish_reason":null}],"obfuscation":"x1"}

    data: {"id":"chatcmpl-ABfw","object":"chat.completion.chunk","created":1727346168,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_5050236cbd","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}

    data: {"id":"chatcmpl-ABfw","object":"chat.completion.chunk","created":1727346168,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_5050236cbd","choices":[],"usage":{"prompt_tokens":14,"completion_tokens":30,"total_tokens":44,"completion_tokens_details":{"reasoning_tokens":0}}}

    data: [DONE]


    """

private let recordedEvents: [ChatEvent] = [
    .text("I'm"), .text(" fine \u{2028}\u{2028}✓"), .finish("stop"),
    .usage(Usage(inputTokens: 14, outputTokens: 30, totalTokens: 44, reasoningTokens: 0)), .end,
]

/// Decodes `text` in chunks cut at `cuts`, including `finish()`.
private func decodeStream(_ text: String, cuts: [Int] = [], label: String = "openai") throws -> [ChatEvent] {
    let bytes = Array(text.utf8)
    var decoder = OpenAIStreamDecoder(label: label)
    var events: [ChatEvent] = []
    var start = 0
    for cut in cuts.sorted() where cut > start && cut < bytes.count {
        events += try decoder.decode(Array(bytes[start..<cut]))
        start = cut
    }
    events += try decoder.decode(Array(bytes[start...]))
    events += try decoder.finish()
    return events
}

private func providerError(_ body: () throws -> Void) -> ProviderError? {
    do {
        try body()
        return nil
    } catch {
        return error as? ProviderError
    }
}

@Suite struct OpenAIStreamTests {
    @Test func recordedStream() throws {
        #expect(try decodeStream(recordedOpenAIStream) == recordedEvents)
    }

    @Test func recordedStreamSplitAtEveryByte() throws {
        let length = recordedOpenAIStream.utf8.count
        for cut in stride(from: 0, through: length, by: 1) {
            #expect(try decodeStream(recordedOpenAIStream, cuts: [cut]) == recordedEvents)
        }
        #expect(try decodeStream(recordedOpenAIStream, cuts: Array(1..<length)) == recordedEvents)
    }

    @Test func recordedStreamWithCRLF() throws {
        let crlf = recordedOpenAIStream.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try decodeStream(crlf, cuts: [100, 101, 102]) == recordedEvents)
    }

    @Test func azureFirstChunkWithoutChoices() throws {
        let stream = """
            data: {"id":"","choices":[],"created":0,"model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}}}]}

            data: {"id":"c1","choices":[{"index":0,"delta":{"role":"assistant","content":null},"content_filter_results":{}}]}

            data: {"id":"c1","choices":[{"index":0,"delta":{"content":"Hi"},"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}}}]}

            data: {"id":"c1","choices":[{"index":0,"content_filter_offsets":{"check_offset":0,"start_offset":0,"end_offset":2}}]}

            data: {"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"content_filter"}],"usage":null}

            data: [DONE]


            """
        #expect(try decodeStream(stream, label: "azure") == [.text("Hi"), .finish("content_filter"), .end])
    }

    @Test func commentsUnknownFieldsAndOtherChoicesAreIgnored() throws {
        let stream = """
            : ping

            data: {"choices":[{"index":1,"delta":{"content":"other"}},{"index":0,"delta":{"content":"mine","reasoning":"hmm"}}],"usage":{"prompt_tokens":null}}

            data:

            data:${SP}

            data: [DONE]
            """.replacingOccurrences(of: "${SP}", with: " ")
        // `reasoning` (OpenRouter, Ollama's /v1) is reasoning now, shown before the answer.
        #expect(try decodeStream(stream) == [.reasoning("hmm"), .text("mine"), .end])
    }

    @Test func doneWithoutBlankLineAndDataAfterDone() throws {
        #expect(try decodeStream("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata: [DONE]") == [.text("a"), .end])
        #expect(try decodeStream("data: [DONE]\n\ndata: {\"error\":{\"message\":\"late\"}}\n\n") == [.end])
    }

    @Test func midStreamErrorBothShapes() throws {
        for payload in [#"{"error":{"message":"The server had an error\nwhile processing","type":"server_error","code":null}}"#,
                        #"{"object":"error","message":"The server had an error","type":"BadRequestError","param":null,"code":400}"#,
                        #"{"error":"The server had an error"}"#] {
            let error = providerError { _ = try decodeStream("data: \(payload)\n\n") }
            #expect(error?.category == .streamError)
            #expect(error?.message.contains("The server had an error") == true)
            #expect(error?.message.contains("\n") == false)
        }
        // `error: null` and `error: {}` are not errors (the SDK checks for a non-empty value).
        #expect(try decodeStream("data: {\"error\":null,\"choices\":[]}\n\ndata: {\"error\":{}}\n\ndata: [DONE]\n\n") == [.end])
    }

    @Test func errorAfterTextInTheSameReadIsThrownOnTheNextCall() throws {
        var decoder = OpenAIStreamDecoder()
        let bytes = Array("data: {\"choices\":[{\"delta\":{\"content\":\"partial\"}}]}\n\ndata: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}\n\n".utf8)
        #expect(try decoder.decode(bytes) == [.text("partial")])
        let error = providerError { _ = try decoder.finish() }
        #expect(error?.category == .streamError)
        #expect(error?.providerCode == "server_error")
    }

    @Test func truncatedStream() {
        let error = providerError { _ = try decodeStream("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n") }
        #expect(error?.category == .truncated)
        let cut = String(recordedOpenAIStream.prefix(400))
        #expect(providerError { _ = try decodeStream(cut) }?.category == .truncated)
    }

    @Test func malformedPayloads() {
        for payload in ["{not json", "42", "[1,2]", "\"text\""] {
            let error = providerError { _ = try decodeStream("data: \(payload)\n\ndata: [DONE]\n\n") }
            #expect(error?.category == .malformed, "payload \(payload)")
        }
    }

    @Test func contentPartsAndRefusal() throws {
        let stream = """
            data: {"choices":[{"delta":{"content":[{"type":"thinking","thinking":"x"},{"type":"text","text":"Hel"},{"type":"text","text":"lo"}]}}]}

            data: {"choices":[{"delta":{"content":null,"refusal":"I can't help with that."}}]}

            data: [DONE]


            """
        #expect(try decodeStream(stream) == [.text("Hello"), .text("I can't help with that."), .end])
    }
}
