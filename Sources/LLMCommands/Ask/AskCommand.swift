import ConversationLog
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
    /// What the model sees and does besides the prompt: reasoning, tools, images, files.
    public var rich: RichOptions
    /// `--no-log`: leave this exchange out of the conversation log.
    public var noLog = false
    /// `-c`, `--cid`, `--session`: the logged conversation this prompt continues.
    public var continuation: Continuation?

    public init(models: [String] = [], system: String? = nil, temperature: Double? = nil, maxTokens: Int? = nil,
                stream: Bool = true, json: Bool = false, stats: Bool = false, promptWords: [String] = [],
                resilience: ResilienceSettings = .init(), fallback: [String] = [], rich: RichOptions = .init()) {
        self.rich = rich
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
    public static func execute(_ given: AskOptions, context: CommandContext) async -> ExitStatus {
        var options = given
        let console = context.console
        let redactor = context.redactor
        let renderer: ReplyRenderer? = options.json ? nil : ReplyRenderer(console: console, reasoning: options.rich.reasoningDisplay)
        let rounds = Counter()
        let logger = context.exchangeLogger(flagOff: options.noLog)
        let turn = TurnMessages()
        var logged: (prompt: String, conversation: String, name: String?, user: ChatMessage)?
        do {
            if let problem = options.resilience.validationError() { throw UsageError(problem) }
            let files = try TextFiles.inline(options.rich.files)
            for skipped in files.skippedBinary { console.errLine("llmctl: skipping \(skipped): binary file") }
            let images = try options.rich.attachments.map(ImageFile.load)
            let prompt = try buildPrompt(words: options.promptWords, stdin: try context.readStdin(), files: files.text,
                                         allowEmpty: !images.isEmpty)
            // A continued conversation brings its earlier turns, and its model and system prompt unless given now.
            let continued = try options.continuation.map { try ContinuedConversation.load($0, logger: logger) }
            if options.models.isEmpty, let model = continued?.model { options.models = [model] }
            if options.system == nil { options.system = continued?.system }
            let candidates = try await resolveCandidates(options, context: context)
            logger.prepare()
            for candidate in candidates {
                if let problem = ImageLimits.problem(images, model: candidate) { throw UsageError(problem) }
            }
            let tools = try ToolCatalog.resolve(options.rich.tools, modelTools: candidates[0].defaults.tools,
                                                config: context.config)
            let user = ChatMessage(role: .user, parts: images.map(ContentPart.image) + (prompt.isEmpty ? [] : [.text(prompt)]))
            logged = (prompt, continued?.id ?? LogEntry.newConversationID(), continued?.name, user)
            let request = ChatRequest(model: candidates[0].ref, system: options.system, messages: (continued?.messages ?? []) + [user],
                                      options: SamplingOptions(temperature: options.temperature, maxTokens: options.maxTokens),
                                      stream: options.stream, reasoning: options.rich.reasoning)
            let loop = ToolLoop(tools: tools, maxRounds: options.rich.maxToolRounds ?? ToolLoop.defaultMaxRounds,
                                environment: context.environment)
            let client = context.resilientClient
            let policy = options.resilience.policy()
            let outcome = try await loop.run(request) { request in
                try await client.send(request, candidates: candidates, policy: policy) { event in
                    renderer?.handle(event)
                } onNote: { note in
                    // The fallback is summarised once at the end ("… answered by …").
                    if case .fallingBack = note { return }
                    console.errLine("llmctl: " + TerminalText.visible(redactor.scrub(note.description)))
                }
            } onMessage: { message in
                turn.append(message)
                if message.role == .tool { rounds.increment() }
            } onCall: { call in
                renderer?.toolLine(ToolCallLine.call(call))
            } onResult: { _, result in
                renderer?.toolLine(ToolCallLine.result(result))
            }
            let result = outcome.result
            renderer?.finish()
            if options.json { console.out(ReplyRecord.line(result, toolRounds: outcome.rounds) + "\n") }
            if let reason = outcome.stopReason { console.errLine("llmctl: " + TerminalText.visible(reason)) }
            if let note = FinishNote.note(for: result.finishReason) { console.errLine("llmctl: \(note)") }
            if let line = fallbackSummary(result.stats.attempts, answeredBy: result.model) { console.errLine("llmctl: " + line) }
            if let logged {
                logger.record(.exchange(command: "ask", conversationID: logged.conversation, conversationName: logged.name, system: options.system, prompt: logged.prompt,
                                        turn: [logged.user] + turn.messages, result: result, toolRounds: outcome.rounds))
            }
            if options.stats {
                let toolNote = outcome.rounds > 0 ? " · \(outcome.rounds) tool round\(outcome.rounds == 1 ? "" : "s")" : ""
                console.errLine(result.model.description + " · " + StatsFormatter.line(result.stats) + toolNote)
            }
            return .success
        } catch {
            let report = ErrorReport(error, redactor: redactor)
            if let logged, let failure = error as? ChatFailure {
                logger.record(.exchange(command: "ask", conversationID: logged.conversation, conversationName: logged.name, requested: options.models.first,
                                        system: options.system, prompt: logged.prompt, turn: [logged.user] + turn.messages, result: failure.partial,
                                        error: report, toolRounds: rounds.value))
            }
            if let failure = error as? ChatFailure {
                renderer?.finish()
                if options.json { console.out(ReplyRecord.line(failure.partial, error: report, toolRounds: rounds.value) + "\n") }
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

    /// Arguments are the instruction; `-f` files and piped stdin are the context it applies to.
    /// `allowEmpty` when something else (an image) is the prompt.
    static func buildPrompt(words: [String], stdin: String?, files: String = "", allowEmpty: Bool = false) throws -> String {
        let instruction = words.joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines)
        // Whitespace alone is no context (an empty `echo |` or a stray newline is not a prompt).
        let piped = stdin?.trimmingCharacters(in: .newlines) ?? ""
        let context = [files, piped.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "" : piped]
            .filter { !$0.isEmpty }.joined(separator: "\n\n")
        switch (instruction.isEmpty, context.isEmpty) {
        case (true, true):
            if allowEmpty { return "" }
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
