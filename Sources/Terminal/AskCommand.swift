import Foundation
import LLMClient
import LLMCore

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

    public init(models: [String] = [], system: String? = nil, temperature: Double? = nil, maxTokens: Int? = nil,
                stream: Bool = true, json: Bool = false, stats: Bool = false, promptWords: [String] = []) {
        self.models = models
        self.system = system
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.stream = stream
        self.json = json
        self.stats = stats
        self.promptWords = promptWords
    }
}

/// `llmctl ask`: one prompt, one streamed answer on stdout, diagnostics on stderr, an exit code.
public enum AskCommand {
    public static func execute(_ options: AskOptions, context: CommandContext) async -> ExitStatus {
        let console = context.console
        let redactor = context.redactor
        do {
            let prompt = try buildPrompt(words: options.promptWords, stdin: context.readStdin())
            let resolved = try context.resolveModel(options.models.first)
            var request = ChatRequest(model: resolved.ref, system: options.system,
                                      messages: [ChatMessage(role: .user, content: prompt)],
                                      options: SamplingOptions(temperature: options.temperature, maxTokens: options.maxTokens),
                                      stream: options.stream)
            request.stream = options.stream
            let printsText = !options.json
            let result = try await context.client.send(request, to: resolved.endpoint) { event in
                if printsText, case .text(let piece) = event { console.out(piece) }
            }
            if printsText, !result.text.isEmpty, !result.text.hasSuffix("\n") { console.out("\n") }
            if options.json { console.out(AskJSON.render(result: result, error: nil) + "\n") }
            if let note = FinishNote.note(for: result.finishReason) { console.errLine("llmctl: \(note)") }
            if options.stats { console.errLine(resolved.ref.description + " · " + StatsFormatter.line(result.stats)) }
            return .success
        } catch {
            let report = ErrorReport(error, redactor: redactor)
            if let failure = error as? ChatFailure {
                if !options.json, !failure.partial.text.isEmpty, !failure.partial.text.hasSuffix("\n") { console.out("\n") }
                if options.json { console.out(AskJSON.render(result: failure.partial, error: report) + "\n") }
                if options.stats { console.errLine(failure.partial.model.description + " · " + StatsFormatter.line(failure.partial.stats)) }
            } else if options.json {
                console.out(AskJSON.render(result: nil, error: report) + "\n")
            }
            console.errLine("llmctl: \(report.status == .interrupted ? "interrupted" : "error: " + report.message)")
            return report.status
        }
    }

    /// Arguments are the instruction; piped stdin is the context it applies to.
    static func buildPrompt(words: [String], stdin: String?) throws -> String {
        let instruction = words.joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines)
        let context = stdin?.trimmingCharacters(in: .newlines) ?? ""
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
