// Conversation-log benchmark helper (bench/log.sh):
//   llmctl-bench-log fill PATH N     writes N realistic exchanges (5 models, some errors) to the log at PATH
//   llmctl-bench-log record PATH N   times N single-exchange commits, as `ask` makes one; prints JSON
import ConversationLog
import Foundation
import LLMCore

let models = ["openai:gpt-4o-mini", "anthropic:claude-sonnet-4-5", "gemini:gemini-2.5-flash",
              "bedrock:anthropic.claude-3-haiku-20240307-v1:0", "ollama:llama3.2"]
let errorKinds = ["rate_limited", "server", "network"]

/// Exchange `n`, deterministic: timings spread per model, one in 25 failed, three in four reused.
func exchange(_ n: Int) -> LogEntry {
    let model = models[n % models.count]
    let ttft = Double(50 + (n * 7919) % 900)
    let total = ttft + Double((n * 104_729) % 4000)
    let failed = n % 25 == 0
    let stats = RequestStats(provider: String(model.prefix { $0 != ":" }), model: model, ttftMs: ttft, totalMs: total,
                             outputTokens: 120, tokensPerSecond: 120_000 / total,
                             connection: ConnectionStats(reused: n % 4 != 0, httpVersion: "2"))
    let prompt = "question number \(n) about keep-alive and connection reuse"
    return LogEntry(conversationID: "bench-\(n / 3)", command: "ask", createdAt: Date(timeIntervalSinceNow: -Double(n)),
                    model: model, provider: stats.provider, system: nil, prompt: prompt,
                    request: [ChatMessage(role: .user, content: prompt)],
                    reply: failed ? nil : ChatMessage(role: .assistant, content: "An answer of a few words for \(n)."),
                    finishReason: failed ? nil : "stop", usage: Usage(inputTokens: 20, outputTokens: 120), stats: stats,
                    errorKind: failed ? errorKinds[n % 3] : nil, errorMessage: failed ? "failed" : nil, result: "{}")
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let count = Int(arguments[3]), count > 0 else {
    FileHandle.standardError.write(Data("usage: llmctl-bench-log fill|record PATH N\n".utf8))
    exit(2)
}
func micros(_ d: Duration) -> Double { Double(d.components.attoseconds) / 1e12 + Double(d.components.seconds) * 1e6 }

if arguments[1] == "phases" {
    // What one `ask` does with the log, phase by phase, on an existing log: open, one commit, close.
    _ = try ConversationLog(path: arguments[2])
    var opens: [Double] = [], commits: [Double] = [], closes: [Double] = []
    for n in 0..<count {
        var start = ContinuousClock.now
        var log: ConversationLog? = try ConversationLog(path: arguments[2])
        opens.append(micros(ContinuousClock.now - start))
        start = ContinuousClock.now
        try log?.record(exchange(n))
        commits.append(micros(ContinuousClock.now - start))
        start = ContinuousClock.now
        log = nil
        closes.append(micros(ContinuousClock.now - start))
    }
    let median = { (v: [Double]) in v.sorted()[v.count / 2] }
    print(#"{"open_us": \#(median(opens)), "commit_us": \#(median(commits)), "close_us": \#(median(closes))}"#)
    exit(0)
}
let log = try ConversationLog(path: arguments[2])
switch arguments[1] {
case "fill":
    let chunk = 5000
    for start in stride(from: 0, to: count, by: chunk) {
        try log.record(contentsOf: (start..<min(start + chunk, count)).map(exchange))
    }
    print(#"{"filled": \#(count)}"#)
case "record":
    var micros: [Double] = []
    for n in 0..<count {
        let entry = exchange(n)
        let start = ContinuousClock.now
        try log.record(entry)
        let elapsed = ContinuousClock.now - start
        micros.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
    }
    micros.sort()
    print(#"{"records": \#(count), "median_us": \#(micros[count / 2]), "p95_us": \#(micros[count * 95 / 100])}"#)
default:
    FileHandle.standardError.write(Data("usage: llmctl-bench-log fill|record PATH N\n".utf8))
    exit(2)
}
