import LLMClient
import LLMCore
import Terminal

/// Everything a command needs from the outside world, injected so tests can run commands in-process:
/// output and the terminal, the environment, stdin, the HTTP engine, the endpoint resolver, the circuit
/// breakers and the clock.
public struct CommandContext: Sendable {
    public var console: Console
    public var environment: [String: String]
    /// The process's HTTP engine (one shared connection pool).
    public var engine: HTTPEngine
    /// Model references → endpoints (catalog, config file, environment, key commands, offline model).
    public var resolver: EndpointResolver
    /// Circuit breakers of this process (restored from and saved to the state file by the executable).
    public var breakers: BreakerRegistry
    /// Reads piped stdin (nil when stdin is a terminal or closed; throws `UsageError` when it cannot be read).
    public var readStdin: @Sendable () throws -> String?
    /// Waits between retries; tests make it instant.
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(console: Console, environment: [String: String], engine: HTTPEngine, resolver: EndpointResolver,
                breakers: BreakerRegistry, readStdin: @escaping @Sendable () throws -> String?,
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.console = console
        self.environment = environment
        self.engine = engine
        self.resolver = resolver
        self.breakers = breakers
        self.readStdin = readStdin
        self.sleep = sleep
    }

    /// The config file in effect.
    public var config: LLMConfig { resolver.config }

    /// A chat client on the shared engine.
    public var chatClient: ChatClient { ChatClient(engine: engine, catalog: resolver.catalog) }

    /// The client that runs requests with retries, breakers and fallback.
    public var resilientClient: ResilientClient {
        ResilientClient(client: chatClient, breakers: breakers, sleep: sleep)
    }

    /// Resolves a model reference (or the default), announcing the offline fallback on stderr once.
    public func resolveModel(_ text: String?) async throws -> ResolvedModel {
        let resolved = try await resolver.resolve(text)
        if resolved.isOfflineFallback, resolver.announceOfflineOnce() {
            console.errLine("llmctl: " + resolver.offlineNotice(baseURL: resolved.endpoint.baseURL))
        }
        return resolved
    }

    /// Secrets known to this process, scrubbed from every message.
    public var redactor: Redactor { resolver.redactor }

    /// The conversation log writer: on unless `--no-log` (`flagOff`), config `log = false` or `LLMCTL_LOG=0`.
    public func exchangeLogger(flagOff: Bool = false) -> ExchangeLogger {
        ExchangeLogger(path: LogLocation.path(environment: environment),
                       enabled: !flagOff && config.log != false && LogLocation.enabledByEnvironment(environment),
                       sessionsFolder: StatePaths(environment: environment).sessions, console: console, redactor: redactor)
    }
}
