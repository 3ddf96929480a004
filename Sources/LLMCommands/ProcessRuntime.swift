import Foundation
import LLMClient
import LLMCore
import Terminal

/// The process's real outside world, built once per run: environment, terminal, config file, engine,
/// resolver, breakers kept between runs, Ctrl-C. Tests build a `CommandContext` of their own instead.
public final class ProcessRuntime: Sendable {
    public let context: CommandContext
    public let interrupts = InterruptHandler()
    /// Circuit breakers kept between runs (`$XDG_STATE_HOME/llmctl/circuits.json`).
    private let breakerStore: BreakerStore
    private let offline = OfflineModel()

    /// Loads the config file (an invalid one ends the process: one line on stderr, exit 3) and
    /// restores the breakers an earlier run left.
    public init() {
        let env = ProcessInfo.processInfo.environment
        let console = Console(terminal: .detect(environment: env))
        let config = Self.loadConfig(environment: env, console: console)
        // AWS profile files (~/.aws/credentials, ~/.aws/config) are read per request, as the SDKs do.
        let environment = EnvironmentResolver(environment: env) { path in try? String(contentsOfFile: path, encoding: .utf8) }
        let resolver = EndpointResolver(environment: environment, config: config,
                                        keys: KeyCommandRunner(environment: env), offline: offline)
        let breakers = BreakerRegistry()
        breakerStore = BreakerStore(path: StatePaths(environment: env).root + "/circuits.json")
        breakers.restore(breakerStore.load())
        context = CommandContext(console: console, environment: env, engine: HTTPEngine(environment: env, userAgent: LLMCtlVersion.userAgent),
                                 resolver: resolver, breakers: breakers) {
            console.terminal.stdinIsTTY ? nil : try StandardInput.readAll()
        }
    }

    /// The config file in effect.
    public var config: LLMConfig { context.config }

    /// The config file, or one line on stderr and exit 3 when it is invalid (never a silent fallback).
    static func loadConfig(environment: [String: String], console: Console) -> LLMConfig {
        do {
            let loaded = try ConfigLoader.load(environment: environment)
            for warning in loaded.warnings { console.errLine("llmctl: warning: \(warning)") }
            return loaded.config
        } catch {
            console.errLine("llmctl: error: \(ErrorReport(error).message)")
            exit(ExitStatus.config.rawValue)
        }
    }

    /// Runs `body` so that Ctrl-C cancels it (its error path reports "interrupted", exit 130).
    public func runInterruptible(_ body: @escaping @Sendable () async -> ExitStatus) async -> ExitStatus {
        let task = Task { await body() }
        interrupts.onInterrupt { task.cancel() }
        let status = await task.value
        interrupts.onInterrupt(nil)
        return status
    }

    /// Saves the breakers this run changed, closes the connection pool and the offline server, once,
    /// at the end of the process.
    public func shutdown() {
        breakerStore.save(context.breakers.changedRecords())
        interrupts.stop()
        offline.stop()
        context.engine.shutdown()
    }
}
