// Decodes one realistic stream payload per provider many times, with LLMCore's byte parser
// (`JSONValue.parse` plus reading the fields the decoder reads) and with Foundation's JSONDecoder
// into equivalent Codable structs (a fresh decoder per payload, as the native decoders did, and one
// reused decoder), and prints nanoseconds per payload and the ratio. Build in release:
//   swift build -c release --product llmctl-bench-json && .build/release/llmctl-bench-json [iterations]
// A table goes to stderr, a JSON report (for bench/run.sh) to stdout.
import Foundation
import LLMCore

let iterations = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000

/// A payload, how LLMCore reads it, and how JSONDecoder reads it; both return the delta text.
struct Case {
    var name: String
    var payload: [UInt8]
    var parser: ([UInt8]) -> String?
    var decoder: (JSONDecoder, [UInt8]) -> String?
}

let cases: [Case] = [
    Case(name: "openai chunk",
         payload: Array(#"{"id":"chatcmpl-ABfF2xKQ7zV8bG5mT9","object":"chat.completion.chunk","created":1727346168,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_5050236cbd","choices":[{"index":0,"delta":{"content":" world"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"Xy7q"}"#.utf8),
         parser: { bytes in
             guard let json = try? JSONValue.parse(bytes), let choice = json["choices"]?[0] else { return nil }
             _ = (choice["index"]?.int, choice["finish_reason"]?.string, json["usage"]?["total_tokens"]?.int, json["error"])
             return choice["delta"]?["content"]?.string
         },
         decoder: { decoder, bytes in try? decoder.decode(OpenAIChunk.self, from: Data(bytes)).choices?.first?.delta?.content }),
    Case(name: "anthropic content_block_delta",
         payload: Array(#"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" world"}}"#.utf8),
         parser: { bytes in
             guard let json = try? JSONValue.parse(bytes), json["type"]?.string == "content_block_delta" else { return nil }
             return json["delta"]?["type"]?.string == "text_delta" ? json["delta"]?["text"]?.string : nil
         },
         decoder: { decoder, bytes in
             guard let reply = try? decoder.decode(AnthropicReply.self, from: Data(bytes)), reply.delta?.type == "text_delta" else { return nil }
             return reply.delta?.text
         }),
    Case(name: "gemini chunk",
         payload: Array(#"{"candidates": [{"content": {"parts": [{"text": " world"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 399,"candidatesTokenCount": 2,"totalTokenCount": 401},"modelVersion": "gemini-2.5-flash","responseId": "mK7nZ4-bLpGm1MkPk5rEwQo"}"#.utf8),
         parser: { bytes in
             guard let json = try? JSONValue.parse(bytes), let candidate = json["candidates"]?[0] else { return nil }
             let usage = json["usageMetadata"]
             _ = (usage?["promptTokenCount"]?.int, usage?["candidatesTokenCount"]?.int, usage?["totalTokenCount"]?.int)
             _ = candidate["finishReason"]?.string
             return candidate["content"]?["parts"]?.array?.filter { $0["thought"]?.bool != true }.compactMap { $0["text"]?.string }.joined()
         },
         decoder: { decoder, bytes in
             guard let chunk = try? decoder.decode(GeminiChunk.self, from: Data(bytes)) else { return nil }
             return chunk.candidates?.first?.content?.parts?.filter { $0.thought != true }.compactMap(\.text).joined()
         }),
    Case(name: "bedrock contentBlockDelta",
         payload: Array(#"{"contentBlockIndex":0,"delta":{"text":" world"},"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"}"#.utf8),
         parser: { bytes in (try? JSONValue.parse(bytes))?["delta"]?["text"]?.string },
         decoder: { decoder, bytes in try? decoder.decode(BedrockPayload.self, from: Data(bytes)).delta?.text }),
    Case(name: "ollama line",
         payload: Array(#"{"model":"llama3.2","created_at":"2023-08-04T08:52:19.385406455-07:00","message":{"role":"assistant","content":" world"},"done":false}"#.utf8),
         parser: { bytes in
             guard let json = try? JSONValue.parse(bytes) else { return nil }
             _ = (json["done"]?.bool, json["error"]?.string)
             return json["message"]?["content"]?.string
         },
         decoder: { decoder, bytes in try? decoder.decode(OllamaLine.self, from: Data(bytes)).message?.content }),
]

/// Median over five rounds of the nanoseconds per call; the text lengths go to a checksum so the
/// work cannot be optimised away.
func nanosecondsPerCall(_ body: () -> String?) -> (ns: Double, checksum: Int) {
    var checksum = 0
    for _ in 0..<(iterations / 10) { checksum &+= body()?.utf8.count ?? 0 }  // warm-up
    var rounds: [Double] = []
    for _ in 0..<5 {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<iterations { checksum &+= body()?.utf8.count ?? 0 }
        rounds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / Double(iterations))
    }
    return (rounds.sorted()[2], checksum)
}

var rows: [JSONValue] = []
var table = "payload                          bytes  JSONValue.parse  JSONDecoder(new)  JSONDecoder(reused)  ratio\n"
for item in cases {
    guard item.parser(item.payload) == " world", item.decoder(JSONDecoder(), item.payload) == " world" else {
        FileHandle.standardError.write(Data("llmctl-bench-json: \(item.name) does not decode to the same text both ways\n".utf8))
        exit(1)
    }
    let parsed = nanosecondsPerCall { item.parser(item.payload) }
    let fresh = nanosecondsPerCall { item.decoder(JSONDecoder(), item.payload) }
    let shared = JSONDecoder()
    let reused = nanosecondsPerCall { item.decoder(shared, item.payload) }
    let ratio = fresh.ns / parsed.ns
    table += item.name.padding(toLength: 31, withPad: " ", startingAt: 0)
        + String(format: "%7d %13.0f ns %14.0f ns %17.0f ns %7.1fx\n", item.payload.count, parsed.ns, fresh.ns, reused.ns, ratio)
    rows.append(.object(["payload": .string(item.name), "bytes": .number(item.payload.count),
                         "parse_ns": .double((parsed.ns * 10).rounded() / 10),
                         "jsondecoder_new_ns": .double((fresh.ns * 10).rounded() / 10),
                         "jsondecoder_reused_ns": .double((reused.ns * 10).rounded() / 10),
                         "ratio_new": .double((ratio * 100).rounded() / 100),
                         "ratio_reused": .double((reused.ns / parsed.ns * 100).rounded() / 100),
                         "checksum": .number(parsed.checksum &+ fresh.checksum &+ reused.checksum)]))
}
FileHandle.standardError.write(Data(table.utf8))
print(JSONValue.object(["iterations": .number(iterations), "cases": .array(rows)]).jsonText())
