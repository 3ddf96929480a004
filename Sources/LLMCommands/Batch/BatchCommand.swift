import Foundation
import ConversationLog
import LLMClient
import LLMCore
import Terminal

/// `llmctl batch`: many prompts from JSONL, a bounded number in flight on the shared engine, one
/// result line each, written the moment it is final.
public enum BatchCommand {
    /// One finished item, as the coordinating task receives it.
    enum Outcome: Sendable {
        case done(index: Int, line: String, ok: Bool, stats: RequestStats?, log: LogEntry? = nil)
        /// Cancelled in flight (Ctrl-C): not written, so `--resume` sends it again.
        case cancelled(index: Int)
        /// The slot-taking task got a slot: the next item may start (it holds that slot).
        case slotTaken
    }

    /// Runs the batch; returns 0 when every item was answered, 5 when any failed, 2 for bad usage or
    /// (with nothing failed) malformed input lines, 130 when interrupted.
    public static func execute(_ options: BatchOptions, context: CommandContext) async -> ExitStatus {
        let console = context.console
        let started = ContinuousClock.now
        let setup: BatchSetup
        do {
            setup = try await BatchSetup.prepare(options, context: context)
        } catch {
            let report = ErrorReport(error, redactor: context.redactor)
            console.errLine("llmctl: error: \(report.message)")
            return error is BatchOutputError ? .failure : report.status
        }
        var tally = BatchTally()
        tally.skipped = setup.plan.skipped
        tally.malformed = setup.plan.malformed
        tally.duplicates = setup.plan.duplicates

        let progress = console.terminal.stderrIsTTY && !setup.plan.items.isEmpty
            ? ProgressReporter(console: console, total: setup.plan.items.count) : nil
        progress?.start()
        let writeError = await run(setup, options: options, context: context, progress: progress, tally: &tally)
        await progress?.stop()

        if let writeError { console.errLine("llmctl: error: \(writeError.message)") }
        for line in tally.lines(elapsed: ContinuousClock.now - started, output: options.output) {
            console.errLine(console.dim(line))
        }
        return writeError != nil ? .failure : tally.exitStatus
    }

    /// Sends every planned item with at most `concurrency` in flight and writes each result once it
    /// (and, in order mode, every one before it) is final. Returns the write error that stopped it, if any.
    ///
    /// "In flight" is counted in `ConcurrencySlots`, not in tasks: an item that waits for an open
    /// circuit's probe gives its slot back, so the next items start meanwhile. One task in the group
    /// always waits for the next free slot and hands it to the loop, which starts the next item with it.
    static func run(_ setup: BatchSetup, options: BatchOptions, context: CommandContext, progress: ProgressReporter?,
                    tally: inout BatchTally) async -> BatchOutputError? {
        let items = setup.plan.items
        let client = context.resilientClient
        let redactor = context.redactor
        let policy = setup.policy
        let logger = options.log ? context.exchangeLogger() : nil
        let slots = ConcurrencySlots(limit: options.concurrency)
        var buffer = BatchOrderingBuffer<String>()
        var writeError: BatchOutputError?
        var next = 0
        await withTaskGroup(of: Outcome.self) { group in
            func awaitSlot() {
                group.addTask {
                    await slots.acquire()
                    return .slotTaken
                }
            }
            if !items.isEmpty { awaitSlot() }
            while let outcome = await group.next() {
                var ready: [String] = []
                switch outcome {
                case .slotTaken:
                    // After Ctrl-C or a write error nothing new starts.
                    guard next < items.count, writeError == nil, !Task.isCancelled else {
                        slots.release()
                        continue
                    }
                    let (index, item) = (next, items[next])
                    let candidates = setup.candidates[item.model ?? ""] ?? BatchCandidates.none
                    group.addTask {
                        let outcome = await send(item, index: index, candidates: candidates, options: options, policy: policy,
                                                 slots: slots, client: client, redactor: redactor, progress: progress)
                        slots.release()
                        return outcome
                    }
                    progress?.update { $0.inFlight += 1 }
                    next += 1
                    if next < items.count { awaitSlot() }
                case .cancelled(let index):
                    tally.cancelled += 1
                    progress?.update { $0.inFlight -= 1 }
                    ready = options.unordered ? [] : buffer.skip(index)
                case .done(let index, let line, let ok, let stats, let entry):
                    tally.record(stats, ok: ok)
                    if let entry { logger?.recordLater(entry) }
                    progress?.update {
                        $0.inFlight -= 1
                        $0.done += 1
                        if !ok { $0.failed += 1 }
                    }
                    ready = options.unordered ? [line] : buffer.complete(index, line)
                }
                for line in ready where writeError == nil {
                    do throws(BatchOutputError) {
                        try setup.writer.writeLine(line)
                    } catch {
                        // Nowhere to put results: stop sending rather than lose more answers.
                        writeError = error
                        group.cancelAll()
                    }
                }
            }
        }
        await logger?.flush()
        tally.notStarted = items.count - next
        tally.interrupted = Task.isCancelled && writeError == nil
        return writeError
    }

    /// One item through the resilient client; never throws: a failure is the item's error line.
    static func send(_ item: BatchItem, index: Int, candidates: BatchCandidates, options: BatchOptions,
                     policy: ResiliencePolicy, slots: ConcurrencySlots, client: ResilientClient, redactor: Redactor,
                     progress: ProgressReporter?) async -> Outcome {
        let models: [ResolvedModel]
        switch candidates {
        case .unresolved(let report, let requested):
            let line = ReplyRecord.line(nil, error: report, requested: requested ?? item.model, id: item.id)
            return .done(index: index, line: line, ok: false, stats: nil)
        case .models(let list):
            models = list
        }
        guard let first = models.first else {
            let line = ReplyRecord.line(nil, error: BatchCandidates.noModel, requested: item.model, id: item.id)
            return .done(index: index, line: line, ok: false, stats: nil)
        }
        // An image the model cannot take is this item's error, found before anything is sent.
        if let problem = ImageLimits.problem(item.messages.flatMap(\.images), model: first) {
            let line = ReplyRecord.line(nil, error: ErrorReport(UsageError(problem)), requested: first.ref.description, id: item.id)
            return .done(index: index, line: line, ok: false, stats: nil)
        }
        let request = ChatRequest(model: first.ref, system: item.system ?? options.system, messages: item.messages,
                                  options: SamplingOptions(temperature: item.temperature ?? options.temperature,
                                                           maxTokens: item.maxTokens ?? options.maxTokens),
                                  stream: options.stream, tools: item.tools, reasoning: item.reasoning)
        do throws(ChatFailure) {
            // Retry and fallback notes are left out: they would tear the progress bar, and every
            // attempt is in the item's line.
            let result = try await client.send(request, candidates: models, policy: policy, slots: slots) { event in
                if let progress, event.isDelta { progress.update { $0.tokens += 1 } }
            }
            return .done(index: index, line: ReplyRecord.line(result, id: item.id), ok: true, stats: result.stats,
                         log: options.log ? logEntry(item, request: request, result: result, error: nil) : nil)
        } catch {
            // Whatever ends in flight once Ctrl-C cancelled the task is unfinished, not failed.
            if error.isCancellation || Task.isCancelled { return .cancelled(index: index) }
            let report = ErrorReport(error, redactor: redactor)
            let line = ReplyRecord.line(error.partial, error: report, id: item.id)
            return .done(index: index, line: line, ok: false, stats: error.partial.stats,
                         log: options.log ? logEntry(item, request: request, result: error.partial, error: report) : nil)
        }
    }

    /// The item as an exchange of its own conversation in the log (`batch --log`).
    static func logEntry(_ item: BatchItem, request: ChatRequest, result: ChatResult, error: ErrorReport?) -> LogEntry {
        let prompt = request.messages.last(where: { $0.role == .user })?.content ?? ""
        return .exchange(command: "batch", conversationID: LogEntry.newConversationID(), requested: request.model.description,
                         system: request.system, prompt: prompt, turn: request.messages, result: result, error: error)
    }
}
