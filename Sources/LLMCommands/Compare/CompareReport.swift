import LLMClient
import LLMCore
import Terminal
import Foundation

/// The table and the JSON object that end a comparison. Pure, so both are tested on made-up results.
public enum CompareReport {
    /// model · TTFT · total · tokens · tok/s · connection · error, one row per model in the order given.
    public static func table(_ results: [CompareResult], winner: Int? = nil) -> String {
        let labels = CompareRunner.labels(results.map(\.model))
        let rows = results.enumerated().map { index, r -> [String] in
            let s = r.result.stats
            let connection = s.connection.map { c in
                (c.reused ? "reused" : "new") + (c.httpVersion.isEmpty ? "" : " HTTP/\(c.httpVersion)")
            } ?? "-"
            return [labels[index] + (winner == index ? " (first)" : ""),
                    s.ttftMs.map(StatsFormatter.ms) ?? "-",
                    r.cancelled && s.totalMs == 0 ? "-" : StatsFormatter.ms(s.totalMs),
                    s.outputTokens.map(String.init) ?? "-",
                    s.tokensPerSecond.map { String(format: "%.1f", $0) } ?? "-",
                    connection,
                    status(r)]
        }
        return TextTable.render(header: ["model", "ttft", "total", "tokens", "tok/s", "connection", "error"], rows: rows)
    }

    /// `-` when answered, `cancelled`, or the error's message.
    static func status(_ r: CompareResult) -> String {
        if r.cancelled { return "cancelled" }
        return r.error?.message ?? "-"
    }

    /// `{prompt, results: [one `ReplyRecord` per model]}`, plus `winner` (the model, or null) in
    /// `--first` mode. A model cancelled because another won has the error kind `cancelled`.
    public static func json(prompt: String, results: [CompareResult], race: Bool = false, winner: Int? = nil) -> String {
        var members = [JSONMember(key: "prompt", value: .string(prompt))]
        if race {
            members.append(JSONMember(key: "winner", value: winner.map { .string(results[$0].model.description) } ?? .null))
        }
        let objects = results.map { r -> JSONValue in
            let error = r.cancelled ? ErrorReport(message: "cancelled", status: .interrupted, kind: "cancelled") : r.error
            return ReplyRecord.object(r.result, error: error)
        }
        members.append(JSONMember(key: "results", value: .array(objects)))
        return JSONValue.object(members).jsonText()
    }
}
