import Foundation
import LLMClient
import LLMCore
import Terminal

/// The conversation and its settings, as a state machine: input goes in, an effect comes out, and
/// the runner performs it (network, files, terminal) and reports back. No I/O here, so every command
/// is tested without a terminal.
public struct REPLSession: Sendable {
    /// What the runner should do next.
    public enum Effect: Sendable, Equatable {
        case nothing
        /// Informational lines (stderr).
        case say([String])
        /// A one-line complaint (stderr); nothing else happens.
        case warn(String)
        /// Send `request(for:)` and report with `finish` or `fail`.
        case send
        /// Resolve this reference; on success call `switchModel(to:)`.
        case switchModel(String)
        /// Export the conversation to a JSON file.
        case save(path: String)
        /// Import a JSON file as a new conversation.
        case load(path: String)
        /// Name this conversation in the log.
        case saveName(String)
        /// Open the log's conversation of this name.
        case loadName(String)
        /// List the log's recent conversations.
        case listConversations
        /// Reopen a conversation of the log by id (prefix) or name; nil: the latest other one.
        case resume(String?)
        case showStats
        /// Send `compareRequest()` to each of these models at once (`CompareRunner.interactive`).
        case compare([String])
        /// Read an image for the next message (`addImage`).
        case attach(path: String)
        /// Read text files for the next message (`addFiles`).
        case file(path: String)
        case exit
    }

    /// The current model reference (`provider:model`), or nil for the resolver's default.
    public var model: String?
    public var system: String?
    public var temperature: Double?
    public var maxTokens: Int?
    /// Print the dim timing line after each reply.
    public var summary: Bool
    public var stream: Bool
    /// `/set reasoning`, `--reasoning`; nil leaves it to the config or the provider.
    public var reasoning: ReasoningSetting?
    /// Whether reasoning is shown (`/set reasoning hide|show`).
    public var reasoningDisplay: ReasoningDisplay = .auto
    /// Images and inlined files waiting for the next message.
    public private(set) var pendingImages: [ImageAttachment] = []
    public private(set) var pendingFiles: [String] = []
    public private(set) var messages: [SessionMessage] = []
    /// Completed and failed requests of this process (not of loaded files).
    public private(set) var stats = SessionStats()
    public private(set) var interruptedCount = 0
    /// A prompt whose request failed before any text arrived: kept out of the conversation (so the
    /// roles still alternate) but remembered for `/retry`.
    public private(set) var failedPrompt: String?

    public init(model: String? = nil, system: String? = nil, temperature: Double? = nil, maxTokens: Int? = nil,
                summary: Bool = true, stream: Bool = true) {
        self.model = model
        self.system = system
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.summary = summary
        self.stream = stream
    }

    /// Handles one assembled message: a slash command (when typed as a single line) or text for the model.
    public mutating func submit(_ text: String, isSingleLine: Bool = true) -> Effect {
        let parsed: SlashCommands.Parsed = isSingleLine ? SlashCommands.parse(text) : .message(text)
        switch parsed {
        case .message(let message):
            guard !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return .nothing }
            let text = (pendingFiles + [message]).joined(separator: "\n\n")
            let parts = pendingImages.map(ContentPart.image) + [.text(text)]
            messages.append(SessionMessage(ChatMessage(role: .user, parts: parts)))
            pendingImages = []
            pendingFiles = []
            failedPrompt = nil
            return .send
        case .unknown(let name, let suggestion):
            return .warn("unknown command /\(name) — " + (suggestion.map { "did you mean /\($0)?" } ?? "/help lists the commands"))
        case .command(let command, let arguments):
            return run(command, arguments)
        }
    }

    private mutating func run(_ command: SlashCommand, _ arguments: String) -> Effect {
        switch command.name {
        case .help:
            return .say(arguments.isEmpty ? SlashCommands.helpLines() : SlashCommands.helpLines(for: arguments))
        case .model:
            if arguments.isEmpty {
                return .say(["model: \(model ?? "(default)")", "switch with /model provider:model (Tab lists known models)"])
            }
            return .switchModel(arguments)
        case .system:
            if arguments.isEmpty { return .say(["system prompt: " + (system.map { "\"\($0)\"" } ?? "(none)")]) }
            if arguments.lowercased() == "off" {
                system = nil
                return .say(["system prompt cleared"])
            }
            system = arguments
            return .say(["system prompt set"])
        case .set:
            return set(arguments)
        case .clear:
            messages.removeAll()
            failedPrompt = nil
            return .say(["conversation cleared"])
        case .retry:
            return retry()
        case .save, .load:
            guard !arguments.isEmpty else { return .warn("usage: /\(command.name.rawValue) NAME | PATH") }
            let save = command.name == .save
            if Self.isPath(arguments) { return save ? .save(path: arguments) : .load(path: arguments) }
            do { try SessionStore.validate(arguments) } catch {
                return .warn("\(error) (or give a path such as ./\(arguments).json to use a file)")
            }
            return save ? .saveName(arguments) : .loadName(arguments)
        case .sessions:
            return .listConversations
        case .resume:
            return .resume(arguments.isEmpty ? nil : arguments)
        case .compare:
            guard compareRequest() != nil else { return .warn("nothing to compare yet: send a message first") }
            guard let models = CompareRunner.models(fromArguments: arguments, current: model) else {
                return .warn("usage: /compare provider:model [provider:model …]")
            }
            return .compare(models)
        case .attach, .file:
            guard !arguments.isEmpty else { return .warn("usage: /\(command.name.rawValue) PATH") }
            return command.name == .attach ? .attach(path: arguments) : .file(path: arguments)
        case .stats:
            return .showStats
        case .exit:
            return .exit
        }
    }

    /// `/save` and `/load` take a file when the argument looks like a path (a slash, `~`, a leading dot or
    /// a `.json` ending), else a conversation name.
    static func isPath(_ argument: String) -> Bool {
        argument.contains("/") || argument.hasPrefix("~") || argument.hasPrefix(".") || argument.lowercased().hasSuffix(".json")
    }

    /// Adds an image to the next message.
    public mutating func addImage(_ image: ImageAttachment) { pendingImages.append(image) }

    /// Adds inlined file text to the next message.
    public mutating func addFiles(_ text: String) { pendingFiles.append(text) }

    private mutating func retry() -> Effect {
        // The last reply and any tool rounds that led to it go; the prompt is sent again.
        while let last = messages.last, last.role == .assistant || last.role == .tool { messages.removeLast() }
        if messages.last?.role == .user { return .send }
        if let prompt = failedPrompt {
            messages.append(SessionMessage(role: .user, content: prompt))
            failedPrompt = nil
            return .send
        }
        return .warn("nothing to retry yet")
    }

    private mutating func set(_ arguments: String) -> Effect {
        let words = arguments.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let first = words.first else { return .say(settingsLines()) }
        let name = first.lowercased().replacingOccurrences(of: "-", with: "_")
        guard words.count == 2 else { return .warn("usage: /set \(name) VALUE") }
        let value = words[1].lowercased()
        let unset = ["default", "none", "off"].contains(value)
        switch name {
        case "temperature":
            if unset { temperature = nil; return .say(["temperature: provider default"]) }
            guard let t = Double(value), (0...2).contains(t) else { return .warn("temperature must be a number from 0 to 2 (or default)") }
            temperature = t
            return .say(["temperature: \(words[1])"])
        case "max_tokens":
            if unset { maxTokens = nil; return .say(["max_tokens: provider default"]) }
            guard let n = Int(value), n >= 1 else { return .warn("max_tokens must be a whole number of at least 1 (or default)") }
            maxTokens = n
            return .say(["max_tokens: \(n)"])
        case "reasoning":
            switch value {
            case "hide": reasoningDisplay = .hide; return .say(["reasoning: hidden"])
            case "show": reasoningDisplay = .show; return .say(["reasoning: shown"])
            case "default": reasoning = nil; return .say(["reasoning: provider default"])
            default:
                guard let setting = ReasoningSetting(value) else {
                    return .warn("reasoning is off, low, medium, high, a token budget like 2048, default, hide or show")
                }
                reasoning = setting
                return .say(["reasoning: \(setting.name)"])
            }
        case "summary":
            guard let on = ["on": true, "true": true, "yes": true, "off": false, "false": false, "no": false][value] else {
                return .warn("summary is on or off")
            }
            summary = on
            return .say(["summary: \(on ? "on" : "off")"])
        default:
            let names = SlashCommands.settings.map(\.name)
            let near = names.min { SlashCommands.editDistance(name, $0) < SlashCommands.editDistance(name, $1) }
            let hint = near.map { SlashCommands.editDistance(name, $0) <= 3 ? " — did you mean \($0)?" : "" } ?? ""
            return .warn("unknown setting \(name)\(hint) (settings: \(names.joined(separator: ", ")))")
        }
    }

    /// The `/set` listing.
    public func settingsLines() -> [String] {
        ["temperature: " + (temperature.map { String($0) } ?? "provider default"),
         "max_tokens: " + (maxTokens.map { String($0) } ?? "provider default"),
         "reasoning: " + (reasoning?.name ?? "provider default") + (reasoningDisplay == .hide ? " (hidden)" : ""),
         "summary: " + (summary ? "on" : "off")]
    }

    public mutating func switchModel(to ref: String) { model = ref }

    /// The request for the conversation so far (the whole conversation is sent every turn).
    public func request(for ref: ModelRef) -> ChatRequest {
        ChatRequest(model: ref, system: system, messages: messages.map(\.chatMessage),
                    options: SamplingOptions(temperature: temperature, maxTokens: maxTokens), stream: stream,
                    reasoning: reasoning)
    }

    /// The conversation up to and including its last prompt, for `/compare`; nil before the first prompt.
    public func compareRequest() -> CompareRequest? {
        guard let last = messages.lastIndex(where: { $0.role == .user }) else { return nil }
        return CompareRequest(messages: messages[...last].map(\.chatMessage),
                              system: system, options: SamplingOptions(temperature: temperature, maxTokens: maxTokens),
                              stream: stream)
    }

    /// Records a complete reply.
    public mutating func finish(_ result: ChatResult) {
        messages.append(SessionMessage(result.message, model: result.model.description, stats: result.stats))
        stats.record(result.stats)
    }

    /// Records a message of a tool round as it happens: the assistant's calls, then their results.
    public mutating func appendToolTurn(_ message: ChatMessage, model: String? = nil, stats requestStats: RequestStats? = nil) {
        messages.append(SessionMessage(message, model: model, stats: requestStats))
        if let requestStats { stats.record(requestStats) }
    }

    /// Records a reply cut short: any partial text stays in the conversation, marked; with no text the
    /// prompt leaves the conversation and waits for `/retry`.
    public mutating func fail(_ partial: ChatResult, interrupted: Bool, error: String? = nil) {
        if interrupted {
            interruptedCount += 1
        } else {
            stats.recordFailure(partial.stats)
        }
        // A cut-off tool call cannot be answered: only text and reasoning of a broken reply are kept.
        let kept = partial.message.parts.filter { if case .toolCall = $0 { false } else { true } }
        if !kept.isEmpty {
            messages.append(SessionMessage(ChatMessage(role: .assistant, parts: kept), interrupted: true, error: error,
                                           model: partial.model.description, stats: partial.stats))
        } else if messages.last?.role == .user, let last = messages.popLast() {
            failedPrompt = last.content
        }
    }

    /// Takes back the last prompt without a request having been made (its model did not resolve).
    public mutating func abandonPrompt() {
        if messages.last?.role == .user, let last = messages.popLast() { failedPrompt = last.content }
    }

    /// The `/stats` report; `breakers` are the endpoints' circuit breakers (kept between runs), of
    /// which those that are open, probing or counting failures get a line each.
    public func statsLines(breakers: [BreakerSnapshot] = []) -> [String] {
        var lines = StatsFormatter.session(stats)
        // A retried request opened or reused a connection per attempt; count those, not only the last.
        let counts = Self.connectionCounts(stats.requests)
        if let index = lines.firstIndex(where: { $0.hasPrefix("connections:") }), counts.opened + counts.reused > 0 {
            let percent = Double(counts.reused) * 100 / Double(counts.opened + counts.reused)
            lines[index] = String(format: "connections: %d opened, %d reused (%.0f%% reuse)", counts.opened, counts.reused, percent)
        }
        if interruptedCount > 0, !lines.isEmpty {
            lines[0] += ", \(interruptedCount) interrupted (not counted below)"
        }
        let turns = messages.filter { $0.role == .assistant }.count
        lines.append("conversation: \(turns) repl\(turns == 1 ? "y" : "ies"), \(messages.count) messages")
        for breaker in breakers.sorted(by: { ($0.endpoint, $0.baseURL, $0.model) < ($1.endpoint, $1.baseURL, $1.model) })
            where breaker.phase != .closed || breaker.consecutiveFailures > 0 {
            lines.append("circuit \(breaker.name) (\(breaker.baseURL)): \(breaker.summary())")
        }
        return lines
    }

    /// Connections opened and reused over every attempt of every request (requests without attempt
    /// records count their final connection).
    static func connectionCounts(_ requests: [RequestStats]) -> (opened: Int, reused: Int) {
        var opened = 0, reused = 0
        for request in requests {
            var known = request.attempts.compactMap(\.reusedConnection)
            if known.isEmpty, let connection = request.connection { known = [connection.reused] }
            reused += known.filter { $0 }.count
            opened += known.filter { !$0 }.count
        }
        return (opened, reused)
    }

    /// The session as a file.
    public func snapshot(savedAt: Date = Date()) -> SessionFile {
        SessionFile(model: model, system: system,
                    settings: SessionSettings(temperature: temperature, maxTokens: maxTokens, summary: summary),
                    messages: messages, savedAt: savedAt)
    }

    /// Replaces the conversation with one from the log (settings stay; statistics describe this process).
    public mutating func resume(messages: [ChatMessage], system: String?) {
        self.messages = messages.map { SessionMessage($0) }
        self.system = system
        failedPrompt = nil
        pendingImages = []
        pendingFiles = []
    }

    /// Replaces the conversation and settings with a file's (statistics stay: they describe this process).
    public mutating func restore(_ file: SessionFile) {
        model = file.model ?? model
        system = file.system
        temperature = file.settings.temperature
        maxTokens = file.settings.maxTokens
        summary = file.settings.summary ?? summary
        messages = file.messages
        failedPrompt = nil
    }
}
