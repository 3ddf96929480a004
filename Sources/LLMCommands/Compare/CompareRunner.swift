import LLMClient
import LLMCore
import Synchronization
import Terminal

/// One model's outcome in a comparison.
public struct CompareResult: Sendable {
    /// The model as asked for (each model of a comparison is a contestant, not a fallback).
    public var model: ModelRef
    /// The answer, or whatever arrived before the failure or cancellation, with its stats.
    public var result: ChatResult
    /// Why it failed; nil when it answered or was cancelled.
    public var error: ErrorReport?
    /// Cancelled: it lost a `--first` race, or the comparison was interrupted.
    public var cancelled: Bool

    /// A result; with neither `error` nor `cancelled` it is an answer.
    public init(model: ModelRef, result: ChatResult, error: ErrorReport? = nil, cancelled: Bool = false) {
        self.model = model
        self.result = result
        self.error = error
        self.cancelled = cancelled
    }

    /// True when this model answered in full.
    public var answered: Bool { error == nil && !cancelled }
}

/// Everything of a comparison's request except the model: the same for every contestant.
public struct CompareRequest: Sendable {
    public var messages: [ChatMessage]
    public var system: String?
    public var options: SamplingOptions
    public var stream: Bool
    public var reasoning: ReasoningSetting?

    /// A request; `options` are the sampling settings every model gets.
    public init(messages: [ChatMessage], system: String? = nil, options: SamplingOptions = .init(), stream: Bool = true,
                reasoning: ReasoningSetting? = nil) {
        self.reasoning = reasoning
        self.messages = messages
        self.system = system
        self.options = options
        self.stream = stream
    }
}

/// Sends one conversation to several models at once, on the shared engine, and shows the replies as
/// they stream. The library entry point of `llmctl compare` and the REPL's `/compare`.
///
/// Cancelling the calling task (Ctrl-C) cancels every model's request; those come back `cancelled`.
public struct CompareRunner: Sendable {
    public var client: ResilientClient
    public var console: Console
    public var policy: ResiliencePolicy
    /// Scrubs credentials out of error messages.
    public var redactor: Redactor
    /// The index of the `--first` winner, passed to `onWinner` the moment it produced its first token.
    public typealias WinnerHandler = @Sendable (Int) -> Void

    /// A runner on `client` (the shared engine and breakers), printing through `console`.
    public init(client: ResilientClient, console: Console, policy: ResiliencePolicy = .default,
                redactor: Redactor = Redactor()) {
        self.client = client
        self.console = console
        self.policy = policy
        self.redactor = redactor
    }

    /// Sends `request` to every model concurrently and returns one result per model, in `models` order.
    public func run(_ request: CompareRequest, models: [ResolvedModel], style: CompareStyle) async -> [CompareResult] {
        await execute(request, models: models, style: style, race: false, onWinner: nil).results
    }

    /// The hedged request: the first model to produce a token wins and is streamed (with style `.winner`);
    /// the others are cancelled at that moment, which aborts their connections. `winner` is nil when
    /// every model failed before a token.
    public func race(_ request: CompareRequest, models: [ResolvedModel], style: CompareStyle = .winner,
                     onWinner: WinnerHandler? = nil) async -> (winner: Int?, results: [CompareResult]) {
        await execute(request, models: models, style: style, race: true, onWinner: onWinner)
    }

    /// Labels for display: the model references, numbered when one is given twice.
    public static func labels(_ models: [ModelRef]) -> [String] {
        let names = models.map(\.description)
        return names.enumerated().map { index, name in
            names.filter { $0 == name }.count > 1 ? "\(name) #\(names[..<index].filter { $0 == name }.count + 1)" : name
        }
    }

    private func execute(_ request: CompareRequest, models: [ResolvedModel], style: CompareStyle, race: Bool,
                         onWinner: WinnerHandler?) async -> (winner: Int?, results: [CompareResult]) {
        let labels = Self.labels(models.map(\.ref))
        let display = CompareDisplay(console: console, style: style, labels: labels)
        let race = race ? RaceState() : nil
        let (client, policy, redactor) = (client, policy, redactor)
        var started: [Task<CompareResult, Never>] = []
        for (index, model) in models.enumerated() {
            let chat = ChatRequest(model: model.ref, system: request.system, messages: request.messages,
                                   options: request.options, stream: request.stream, reasoning: request.reasoning)
            let task = Task { @Sendable () -> CompareResult in
                let outcome = await Self.send(chat, to: model, client: client, policy: policy,
                                               redactor: redactor) { piece in
                    guard let race else { return display.text(index, piece) }
                    let (won, first) = race.claim(index)
                    if first {
                        race.cancelAll(except: index)
                        onWinner?(index)
                    }
                    if won { display.text(index, piece) }
                }
                display.finished(index, header: labels[index])
                return outcome
            }
            started.append(task)
        }
        let all = started
        race?.store(all)
        let results = await withTaskCancellationHandler {
            var results: [CompareResult] = []
            for task in all { results.append(await task.value) }
            return results
        } onCancel: {
            for task in all { task.cancel() }
        }
        display.finishWinner()
        return (race?.winner, results)
    }

    /// One model, with the policy's retries and time limits (no fallback: each model stands alone).
    private static func send(_ request: ChatRequest, to model: ResolvedModel, client: ResilientClient,
                             policy: ResiliencePolicy, redactor: Redactor, onText: @escaping @Sendable (String) -> Void) async -> CompareResult {
        do throws(ChatFailure) {
            let result = try await client.send(request, candidates: [model], policy: policy) { event in
                if case .text(let piece) = event, !piece.isEmpty { onText(piece) }
            }
            return CompareResult(model: model.ref, result: result)
        } catch {
            if error.isCancellation || Task.isCancelled {
                return CompareResult(model: model.ref, result: error.partial, cancelled: true)
            }
            return CompareResult(model: model.ref, result: error.partial, error: ErrorReport(error, redactor: redactor))
        }
    }
}

/// The shared state of a `--first` race: who won, and the tasks to cancel when someone does.
private final class RaceState: Sendable {
    private struct State {
        var winner: Int?
        var tasks: [Task<CompareResult, Never>] = []
    }

    private let state = Mutex(State())

    var winner: Int? { state.withLock { $0.winner } }

    /// Called on every token: (this model is the winner, this call made it so). The claim happens once.
    func claim(_ index: Int) -> (won: Bool, first: Bool) {
        state.withLock { s in
            if s.winner == nil {
                s.winner = index
                return (true, true)
            }
            return (s.winner == index, false)
        }
    }

    /// Cancels every task but the winner's; the engine drops their transfers and closes those connections.
    func cancelAll(except keep: Int) {
        for (index, task) in state.withLock({ $0.tasks }).enumerated() where index != keep { task.cancel() }
    }

    /// Keeps the tasks; a winner that claimed the race before they were all stored is handled here.
    func store(_ tasks: [Task<CompareResult, Never>]) {
        let winner = state.withLock { s -> Int? in
            s.tasks = tasks
            return s.winner
        }
        if let winner { cancelAll(except: winner) }
    }
}
