import Foundation
import LLMClient
import LLMCore
import Terminal

/// What `llmctl ask` was asked to do, after argument parsing.
public struct AskOptions: Sendable {
    public var models: [String]
    public var system: String?
    public var temperature: Double?
    public var maxTokens: Int?
    public var stream: Bool
    public var json: Bool
    public var stats: Bool
    public var promptWords: [String]
    /// Retry, timeout and breaker settings from the flags; merge config below with `overriding(_:)`.
    public var resilience: ResilienceSettings
    /// Models tried after `models` (the config's `fallback` list), when the ones before fail before a token.
    public var fallback: [String]

    public init(models: [String] = [], system: String? = nil, temperature: Double? = nil, maxTokens: Int? = nil,
                stream: Bool = true, json: Bool = false, stats: Bool = false, promptWords: [String] = [],
                resilience: ResilienceSettings = .init(), fallback: [String] = []) {
        self.models = models
        self.system = system
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.stream = stream
        self.json = json
        self.stats = stats
        self.promptWords = promptWords
        self.resilience = resilience
        self.fallback = fallback
    }
}

/// `llmctl ask`: one prompt, one streamed answer on stdout, diagnostics on stderr, an exit code.
public enum AskCommand {
    public static func execute(_ options: AskOptions, context: CommandContext) async -> ExitStatus {
        let console = context.console
        let redactor = context.redactor
        let renderer: ReplyRenderer? = options.json ? nil : ReplyRenderer(console: console)
        do {
            if let problem = options.resilience.validationError() { throw UsageError(problem) }
            let prompt = try buildPrompt(words: options.promptWords, stdin: try context.readStdin())
            let candidates = try await resolveCandidates(options, context: context)
            var request = ChatRequest(model: candidates[0].ref, system: options.system,
                                      messages: [ChatMessage(role: .user, content: prompt)],
                                      options: SamplingOptions(temperature: options.temperature, maxTokens: options.maxTokens),
                                      stream: options.stream)
            request.stream = options.stream
            let result = try await context.resilientClient.send(request, candidates: candidates,
                                                                policy: options.resilience.policy()) { event in
                renderer?.handle(event)
            } onNote: { note in
                // The fallback is summarised once at the end ("… answered by …").
                if case .fallingBack = note { return }
                console.errLine("llmctl: " + TerminalText.visible(redactor.scrub(note.description)))
            }
            renderer?.finish()
            if options.json { console.out(ReplyRecord.line(result) + "\n") }
            if let note = FinishNote.note(for: result.finishReason) { console.errLine("llmctl: \(note)") }
            if let line = fallbackSummary(result.stats.attempts, answeredBy: result.model) { console.errLine("llmctl: " + line) }
            if options.stats { console.errLine(result.model.description + " · " + StatsFormatter.line(result.stats)) }
            return .success
        } catch {
            let report = ErrorReport(error, redactor: redactor)
            if let failure = error as? ChatFailure {
                renderer?.finish()
                if options.json { console.out(ReplyRecord.line(failure.partial, error: report) + "\n") }
                if options.stats { console.errLine(failure.partial.model.description + " · " + StatsFormatter.line(failure.partial.stats)) }
                if let line = fallbackSummary(failure.partial.stats.attempts, answeredBy: nil) {
                    console.errLine("llmctl: " + redactor.scrub(line))
                }
            } else if options.json {
                console.out(ReplyRecord.line(nil, error: report, requested: options.models.first) + "\n")
            }
            console.errLine("llmctl: \(report.status == .interrupted ? "interrupted" : "error: " + report.message)")
            return report.status
        }
    }

    /// The models to try in order: the `-m` list (or the default model), then the fallback list.
    /// A candidate that cannot be resolved is skipped with a note while another one can be.
    static func resolveCandidates(_ options: AskOptions, context: CommandContext) async throws -> [ResolvedModel] {
        var names: [String?] = options.models.isEmpty ? [nil] : options.models
        for name in options.fallback where !names.contains(name) { names.append(name) }
        var resolved: [ResolvedModel] = []
        var problems: [(name: String, error: any Error)] = []
        for name in names {
            do {
                resolved.append(try await context.resolveModel(name))
            } catch {
                problems.append((name ?? "the default model", error))
            }
        }
        if resolved.isEmpty, let first = problems.first { throw first.error }
        for problem in problems {
            context.console.errLine("llmctl: skipping \(problem.name): \(ErrorReport(problem.error, redactor: context.redactor).message)")
        }
        return resolved
    }

    /// `openai:gpt-4o-mini failed (HTTP 503: overloaded); answered by offline:mock-1`, when more than one
    /// model was tried; nil otherwise.
    static func fallbackSummary(_ attempts: [AttemptRecord], answeredBy: ModelRef?) -> String? {
        var order: [String] = []
        var lastOutcome: [String: AttemptOutcome] = [:]
        for attempt in attempts {
            if lastOutcome[attempt.model] == nil { order.append(attempt.model) }
            lastOutcome[attempt.model] = attempt.outcome
        }
        let failed = order.filter { $0 != answeredBy?.description }
        guard order.count > 1, !failed.isEmpty else { return nil }
        let parts = failed.map { "\($0) failed (\(lastOutcome[$0]?.description ?? "error"))" }
        return parts.joined(separator: "; ") + (answeredBy.map { "; answered by \($0)" } ?? "")
    }

    /// Arguments are the instruction; piped stdin is the context it applies to.
    static func buildPrompt(words: [String], stdin: String?) throws -> String {
        let instruction = words.joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines)
        // Whitespace alone is no context (an empty `echo |` or a stray newline is not a prompt).
        let piped = stdin?.trimmingCharacters(in: .newlines) ?? ""
        let context = piped.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "" : piped
        switch (instruction.isEmpty, context.isEmpty) {
        case (true, true):
            throw UsageError("no prompt: pass it as arguments (llmctl ask \"…\") or pipe it on stdin")
        case (false, true): return instruction
        case (true, false): return context
        case (false, false): return instruction + "\n\n" + context
        }
    }
}

/// A stderr note for finish reasons the user should know about (cut short, filtered).
enum FinishNote {
    static func note(for reason: String?) -> String? {
        guard let reason else { return nil }
        switch reason.lowercased() {
        case "length", "max_tokens": return "the reply was cut at the token limit (finish reason: \(reason)); raise --max-tokens"
        case "content_filter", "safety", "recitation", "prohibited_content", "blocklist", "spii", "refusal",
             "guardrail_intervened", "content_filtered":
            return "the provider stopped the reply (finish reason: \(reason))"
        default: return nil
        }
    }
}
