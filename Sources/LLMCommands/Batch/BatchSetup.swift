import Foundation
import LLMClient
import LLMCore
import Terminal

/// What `llmctl batch` was asked to do, after argument parsing.
public struct BatchOptions: Sendable {
    /// The input JSONL file, or `-` for stdin.
    public var input: String
    /// The output JSONL file; nil writes to stdout.
    public var output: String?
    public var concurrency: Int
    public var unordered: Bool
    public var resume: Bool
    /// Defaults for items that do not say: `-m` (first model, then fallbacks), `-s`, sampling.
    public var models: [String]
    public var system: String?
    public var temperature: Double?
    public var maxTokens: Int?
    public var stream: Bool
    /// Retry, timeout and breaker settings from the flags.
    public var resilience: ResilienceSettings
    /// `--log`: record each item in the conversation log (off by default: results have their own file).
    public var log = false

    /// Options with the defaults of the command line.
    public init(input: String, output: String? = nil, concurrency: Int = 4, unordered: Bool = false, resume: Bool = false,
                models: [String] = [], system: String? = nil, temperature: Double? = nil, maxTokens: Int? = nil,
                stream: Bool = true, resilience: ResilienceSettings = .init()) {
        self.input = input
        self.output = output
        self.concurrency = concurrency
        self.unordered = unordered
        self.resume = resume
        self.models = models
        self.system = system
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.stream = stream
        self.resilience = resilience
    }

    /// What is wrong with these options on their own, as the one line a usage error prints; nil when
    /// nothing is. The command line and `execute` both check it, so the rule lives here only.
    public func validationError() -> String? {
        if resume, output == nil { return "--resume needs -o FILE: it skips the ids already in that file" }
        if concurrency < 1 { return "--concurrency must be at least 1 (got \(concurrency))" }
        return resilience.validationError()
    }
}

/// The models an item goes to, or why it cannot go anywhere (recorded as that item's error line).
enum BatchCandidates: Sendable {
    case models([ResolvedModel])
    case unresolved(ErrorReport, requested: String?)

    static let noModel = ErrorReport(message: "no model to send the request to; name one with -m provider:model",
                                     status: .usage, kind: "usage")
    /// For an item whose model was never looked up (cannot happen: every item's model is resolved first).
    static let none = BatchCandidates.unresolved(noModel, requested: nil)
}

/// Everything decided before the first request: flags checked, input parsed, resume ids read,
/// output opened, models resolved.
struct BatchSetup {
    var plan: BatchPlan
    var writer: BatchOutputWriter
    var policy: ResiliencePolicy
    /// Keyed by the item's `model`, "" for the command's default list.
    var candidates: [String: BatchCandidates]

    /// Checks and opens everything, printing input problems on stderr; throws `UsageError` (exit 2)
    /// or `BatchOutputError` for what stops the batch before it starts.
    static func prepare(_ options: BatchOptions, context: CommandContext) async throws -> BatchSetup {
        let console = context.console
        if let problem = options.validationError() { throw UsageError(problem) }

        let (text, name) = try readInput(options.input, context: context)
        var scan = BatchResumeScan()
        if options.resume, let output = options.output, FileManager.default.fileExists(atPath: output) {
            guard let data = FileManager.default.contents(atPath: output) else {
                throw UsageError("cannot read \(output) to resume from it")
            }
            scan = BatchResumeScan.scan(Array(data))
            if scan.truncatedTail {
                console.errLine("llmctl: \(output): dropped a torn last line (an interrupted write); that item runs again")
            }
            if scan.unreadableLines > 0 {
                console.errLine("llmctl: \(output): \(scan.unreadableLines) line(s) are not result objects; left as they are")
            }
        }
        let plan = BatchPlan.make(text: text, name: name, done: scan.ids)
        for issue in plan.issues { console.errLine("llmctl: " + issue) }
        for warning in plan.warnings { console.errLine("llmctl: warning: " + warning) }

        let writer: BatchOutputWriter
        if let output = options.output {
            writer = try BatchOutputWriter.open(output, resume: options.resume, keepBytes: scan.keepBytes)
            if scan.needsNewline { try writer.write("\n") }
        } else {
            writer = .standardOutput()
        }

        var candidates: [String: BatchCandidates] = [:]
        for item in plan.items where candidates[item.model ?? ""] == nil {
            candidates[item.model ?? ""] = await resolve(item.model.map { [$0] } ?? options.models, context: context)
        }
        // An item refused by an open circuit has not failed: it waits for the probe and makes its own attempt.
        var policy = options.resilience.policy()
        policy.breaker.waitForProbe = true
        return BatchSetup(plan: plan, writer: writer, policy: policy, candidates: candidates)
    }

    /// The input text and the name its messages use (`batch.jsonl`, or `stdin`).
    static func readInput(_ path: String, context: CommandContext) throws -> (String, String) {
        if path == "-" {
            guard let text = try context.readStdin() else {
                throw UsageError("batch - reads JSONL from stdin, but nothing is piped in; pipe a file in or name it")
            }
            return (text, "stdin")
        }
        guard FileManager.default.fileExists(atPath: path) else { throw UsageError("cannot read \(path): no such file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError("cannot read \(path): permission denied or not a file")
        }
        return (String(decoding: data, as: UTF8.self), path)
    }

    /// Resolves a list of model names (empty: the default model); the first that resolves answers and the
    /// rest are its fallbacks. Names that do not resolve are dropped while another one does.
    static func resolve(_ names: [String], context: CommandContext) async -> BatchCandidates {
        var resolved: [ResolvedModel] = []
        var firstError: (any Error)?
        for name in names.isEmpty ? [nil] : names.map(Optional.some) {
            do { resolved.append(try await context.resolveModel(name)) } catch { firstError = firstError ?? error }
        }
        if resolved.isEmpty, let firstError {
            return .unresolved(ErrorReport(firstError, redactor: context.redactor), requested: names.first)
        }
        return .models(resolved)
    }
}
