import ConversationLog
import Foundation
import LLMClient
import LLMCore
import Terminal

/// What `llmctl compare` was asked to do, after argument parsing.
public struct CompareOptions: Sendable {
    /// The contestants, each `provider:model` (at least two).
    public var models: [String]
    public var system: String?
    public var temperature: Double?
    public var maxTokens: Int?
    public var stream: Bool
    public var json: Bool
    /// Race the models and keep the first to produce a token.
    public var first: Bool
    public var promptWords: [String]
    public var resilience: ResilienceSettings
    /// Reasoning, images and files sent to every model.
    public var rich: RichOptions
    /// `--no-log`: keep this comparison out of the conversation log.
    public var noLog = false

    /// Options with the defaults of the command line.
    public init(models: [String], system: String? = nil, temperature: Double? = nil, maxTokens: Int? = nil,
                stream: Bool = true, json: Bool = false, first: Bool = false, promptWords: [String] = [],
                resilience: ResilienceSettings = .init(), rich: RichOptions = .init()) {
        self.rich = rich
        self.models = models
        self.system = system
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.stream = stream
        self.json = json
        self.first = first
        self.promptWords = promptWords
        self.resilience = resilience
    }
}

/// `llmctl compare`: one prompt to several models at once, side by side, then a table.
public enum CompareCommand {
    /// Returns 0 when every model answered (with `--first`: when the winner did), 5 when any failed,
    /// 2 for bad usage, 130 when interrupted.
    public static func execute(_ options: CompareOptions, context: CommandContext) async -> ExitStatus {
        let console = context.console
        do {
            if let problem = options.resilience.validationError() { throw UsageError(problem) }
            guard options.models.count >= 2 else {
                throw UsageError("compare needs at least two models: -m provider:model -m provider:model")
            }
            let files = try TextFiles.inline(options.rich.files)
            for skipped in files.skippedBinary { console.errLine("llmctl: skipping \(skipped): binary file") }
            let images = try options.rich.attachments.map(ImageFile.load)
            let prompt = try AskCommand.buildPrompt(words: options.promptWords, stdin: try context.readStdin(),
                                                    files: files.text, allowEmpty: !images.isEmpty)
            // Every model must resolve: a comparison with a model silently missing would mislead.
            var models: [ResolvedModel] = []
            for name in options.models { models.append(try await context.resolveModel(name)) }
            for model in models {
                if let problem = ImageLimits.problem(images, model: model) { throw UsageError(problem) }
            }
            let parts = images.map(ContentPart.image) + (prompt.isEmpty ? [] : [ContentPart.text(prompt)])
            let request = CompareRequest(messages: [ChatMessage(role: .user, parts: parts)], system: options.system,
                                         options: SamplingOptions(temperature: options.temperature, maxTokens: options.maxTokens),
                                         stream: options.stream, reasoning: options.rich.reasoning)
            let runner = CompareRunner(client: context.resilientClient, console: console,
                                       policy: options.resilience.policy(), redactor: context.redactor)
            let logger = context.exchangeLogger(flagOff: options.noLog)
            let log: @Sendable ([CompareResult]) -> Void = { results in
                // One conversation per model, all under one comparison id.
                let comparison = LogEntry.newConversationID()
                for result in results where !result.cancelled || result.result.producedOutput {
                    logger.record(.exchange(command: "compare", conversationID: LogEntry.newConversationID(), comparisonID: comparison,
                                            requested: result.model.description, system: options.system, prompt: prompt,
                                            turn: request.messages, result: result.result, error: result.error))
                }
            }
            return options.first
                ? await race(runner, request, models: models, prompt: prompt, options: options, log: log)
                : await compare(runner, request, models: models, prompt: prompt, options: options, log: log)
        } catch {
            let report = ErrorReport(error, redactor: context.redactor)
            console.errLine("llmctl: error: \(report.message)")
            return report.status
        }
    }

    private static func compare(_ runner: CompareRunner, _ request: CompareRequest, models: [ResolvedModel],
                                prompt: String, options: CompareOptions, log: ([CompareResult]) -> Void) async -> ExitStatus {
        let console = runner.console
        let style: CompareStyle = options.json ? .silent : .streaming(on: console.terminal)
        let results = await runner.run(request, models: models, style: style)
        log(results)
        if options.json {
            console.out(CompareReport.json(prompt: prompt, results: results) + "\n")
        } else {
            console.err(console.dim(CompareReport.table(results)))
        }
        if Task.isCancelled {
            console.errLine("llmctl: interrupted")
            return .interrupted
        }
        return status(of: results)
    }

    private static func race(_ runner: CompareRunner, _ request: CompareRequest, models: [ResolvedModel],
                             prompt: String, options: CompareOptions, log: ([CompareResult]) -> Void) async -> ExitStatus {
        let console = runner.console
        let (winner, results) = await runner.race(request, models: models, style: options.json ? .silent : .winner)
        log(results)
        if options.json {
            console.out(CompareReport.json(prompt: prompt, results: results, race: true, winner: winner) + "\n")
        }
        if Task.isCancelled {
            console.errLine("llmctl: interrupted")
            return .interrupted
        }
        guard let winner else {
            for r in results { console.errLine("llmctl: \(r.model): \(CompareReport.status(r))") }
            console.errLine("llmctl: error: no model produced a token")
            return status(of: results)
        }
        let w = results[winner]
        let losers = results.indices.filter { $0 != winner }
        let cancelled = losers.filter { results[$0].cancelled }.map { results[$0].model.description }
        let failed = losers.filter { results[$0].error != nil }.map { "\(results[$0].model) (\(CompareReport.status(results[$0])))" }
        var note = "llmctl: \(w.model) answered first" + (w.result.stats.ttftMs.map { " (ttft \(StatsFormatter.ms($0)))" } ?? "")
        if !cancelled.isEmpty { note += "; cancelled " + cancelled.joined(separator: ", ") }
        if !failed.isEmpty { note += "; failed before a token: " + failed.joined(separator: ", ") }
        console.errLine(note)
        if let error = w.error {
            console.errLine("llmctl: error: \(error.message)")
            return error.status
        }
        return .success
    }

    /// 0 when every model answered; 5 when any failed, whatever the kind of failure (the table says which).
    static func status(of results: [CompareResult]) -> ExitStatus {
        results.allSatisfy(\.answered) ? .success : .provider
    }
}
