// Streams N concurrent chat requests through one CurlEngine and reports wall time, CPU time,
// CPU per token and peak RSS. Run against `mock-providers` in another process, so only the client
// is measured. Usage: llmctl-bench-engine BASE_URL [streams] [tokens]
//
// With --sequential N: N streamed requests one after another on the one engine (a warm client, as in
// the REPL), reporting the median time to first text and to the end; bench/openai_sdk_loop.py does
// the same with the official Python SDK, for a like-for-like ratio.
import CurlTransport
import Foundation
import HTTPMessage
import LLMCore

var arguments = CommandLine.arguments
var sequential: Int?
if let flag = arguments.firstIndex(of: "--sequential"), flag + 1 < arguments.count {
    sequential = Int(arguments[flag + 1])
    arguments.removeSubrange(flag...(flag + 1))
}
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: llmctl-bench-engine BASE_URL [streams=1000] [tokens=200]\n".utf8))
    exit(64)
}
let baseURL = arguments[1]
let streams = arguments.count > 2 ? Int(arguments[2]) ?? 1000 : 1000
let tokens = arguments.count > 3 ? Int(arguments[3]) ?? 200 : 200

// 1,000 sockets need more than the usual 1,024 descriptors once the process's own are counted.
var limit = rlimit()
getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
limit.rlim_cur = limit.rlim_max
setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

let body = #"{"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},"max_tokens":\#(tokens),"messages":[{"role":"user","content":"bench"}]}"#
let request = HTTPRequestSpec(method: "POST", url: baseURL + "/v1/chat/completions",
                              headers: ["Authorization": "Bearer sk-bench", "Content-Type": "application/json"],
                              body: Array(body.utf8))
let engine = CurlEngine.shared
let provider = OpenAIProvider(kind: .openAI)
let endpoint = Endpoint(name: "openai", kind: .openAI, baseURL: "http://127.0.0.1")

if let count = sequential {
    var firsts: [Double] = [], totals: [Double] = [], reused = 0
    for _ in 0..<count {
        let clock = ContinuousClock()
        let start = clock.now
        var first: Duration?
        let metrics = try await engine.withScope { client in
            let response = try await client.send(request)
            var decoder = provider.makeStreamDecoder(for: endpoint)
            for try await chunk in response.body {
                for event in try decoder.decode(chunk) {
                    if first == nil, case .text(let piece) = event, !piece.isEmpty { first = clock.now - start }
                }
            }
            return await response.metrics()
        }
        let total = clock.now - start
        firsts.append(Double((first ?? total).components.attoseconds) / 1e15 + Double((first ?? total).components.seconds) * 1000)
        totals.append(Double(total.components.attoseconds) / 1e15 + Double(total.components.seconds) * 1000)
        if metrics.reusedConnection { reused += 1 }
    }
    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    let report: [String: Any] = ["requests": count, "ttft_ms_median": (median(firsts) * 1000).rounded() / 1000,
                                 "total_ms_median": (median(totals) * 1000).rounded() / 1000, "reused_connections": reused]
    print(String(decoding: try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys]), as: UTF8.self))
    engine.shutdown()
    exit(0)
}

let rssBefore = peakRSSMegabytes()
let cpuStart = cpuSeconds()
let clock = ContinuousClock()
let start = clock.now
let (deltas, failures, newConnections) = await withTaskGroup(of: (Int, Bool, Int).self) { group in
    for _ in 0..<streams {
        group.addTask {
            do {
                return try await engine.withScope { client in
                    let response = try await client.send(request)
                    var decoder = provider.makeStreamDecoder(for: endpoint)
                    var count = 0
                    for try await chunk in response.body {
                        for event in try decoder.decode(chunk) { if case .text = event { count += 1 } }
                    }
                    let metrics = await response.metrics()
                    return (count, response.status != 200, metrics.newConnections)
                }
            } catch {
                FileHandle.standardError.write(Data("stream failed: \(error)\n".utf8))
                return (0, true, 0)
            }
        }
    }
    var total = (0, 0, 0)
    for await (count, failed, opened) in group {
        total.0 += count
        total.1 += failed ? 1 : 0
        total.2 += opened
    }
    return total
}
let wall = (clock.now - start)
let cpu = cpuSeconds() - cpuStart
let wallSeconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
let report: [String: Any] = [
    "streams": streams, "tokens_per_stream": tokens, "tokens_received": deltas, "failed_streams": failures,
    "connections_opened": newConnections,
    "wall_s": (wallSeconds * 1000).rounded() / 1000, "cpu_s": (cpu * 1000).rounded() / 1000,
    "cpu_us_per_token": deltas > 0 ? (cpu / Double(deltas) * 1e7).rounded() / 10 : 0,
    "peak_rss_mb": (peakRSSMegabytes() * 10).rounded() / 10, "rss_before_mb": (rssBefore * 10).rounded() / 10,
]
let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
print(String(decoding: data, as: UTF8.self))
engine.shutdown()
exit(failures == 0 ? 0 : 1)
