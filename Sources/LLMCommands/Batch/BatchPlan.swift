import LLMCore
import Terminal
import LLMClient

/// The work of a batch, decided before any request: the items to send, and what was left out and why.
///
/// Pure: input text and the ids already done in, a plan out, so malformed lines, duplicate ids and
/// `--resume` skipping are all tested without files.
public struct BatchPlan: Sendable {
    /// Items to send, in input order.
    public var items: [BatchItem] = []
    /// One message per line left out, already prefixed with `name:line: `.
    public var issues: [String] = []
    public var malformed = 0
    public var duplicates = 0
    /// Items whose id is already in the output file (`--resume`).
    public var skipped = 0
    /// One warning per unknown key, naming the first line that has it.
    public var warnings: [String] = []

    /// An empty plan.
    public init() {}

    /// Parses `text` line by line; `name` prefixes the messages (`batch.jsonl:17: …`).
    public static func make(text: String, name: String, done: Set<JSONValue> = []) -> BatchPlan {
        var plan = BatchPlan()
        var seen: [JSONValue: Int] = [:]
        var unknownKeys: Set<String> = []
        var number = 0
        // Keep empty lines so the numbers match what an editor shows. "\r\n" is one Character in
        // Swift, so it must be named as a separator of its own.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            switch BatchInputParser.parse(line, line: number) {
            case .blank:
                continue
            case .malformed(let reason):
                plan.malformed += 1
                plan.issues.append("\(name):\(number): \(reason)")
            case .item(let item):
                for key in item.unknownKeys where unknownKeys.insert(key).inserted {
                    plan.warnings.append("\(name):\(number): unknown key \"\(key)\" is not sent (known: \(BatchMessages.knownKeys.sorted().joined(separator: ", ")))")
                }
                if let first = seen[item.id] {
                    plan.duplicates += 1
                    plan.issues.append("\(name):\(number): duplicate id \(BatchInputParser.describe(item.id)) "
                        + "(first on line \(first)); skipped")
                    continue
                }
                seen[item.id] = number
                if done.contains(item.id) {
                    plan.skipped += 1
                } else {
                    plan.items.append(item)
                }
            }
        }
        return plan
    }

    /// Items read from the input, whether sent now or already done.
    public var accepted: Int { items.count + skipped }
}
