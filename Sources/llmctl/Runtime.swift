import CurlTransport
import Foundation
import LLMClient
import LLMCore
import Terminal

/// The process's real outside world: environment, console, the shared engine and providers.
final class Runtime: Sendable {
    let context: CommandContext
    let interrupts = InterruptHandler()
    /// The validated config file (REPL and network options are read from it).
    let config: LLMConfig
    /// Circuit breakers kept between runs (`$XDG_STATE_HOME/llmctl/circuits.json`).
    let breakerStore: BreakerStore

    init() {
        let env = ProcessInfo.processInfo.environment
        let console = Console()
        let registry = ProviderRegistry()
        // AWS profile files (~/.aws/credentials, ~/.aws/config) are read per request, as the SDKs do.
        let environment = EnvironmentResolver(environment: env, registry: registry) { path in
            try? String(contentsOfFile: path, encoding: .utf8)
        }
        let options = TransferOptions.fromEnvironment(env, userAgent: "llmctl/\(LLMCtlVersion.string)")
        let client = ChatClient(engine: .shared, transferOptions: options) { kind in
            try registry.provider(for: kind)
        }
        config = Runtime.loadConfig(environment: env, console: console)
        breakerStore = BreakerStore(path: StatePaths(environment: env).root + "/circuits.json")
        BreakerRegistry.shared.restore(breakerStore.load())
        let configured = ConfiguredEndpoints(config: config, environment: env, keyCommands: KeyCommandRunner(environment: env)) { name in
            try environment.endpoint(for: name)
        }
        let resolver = ModelResolver(environment: env, offline: .shared, configured: configured) { name in
            try environment.endpoint(for: name)
        }
        context = CommandContext(console: console, environment: env, client: client, resolver: resolver) {
            console.inIsTTY ? nil : String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
    }

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
    func runInterruptible(_ body: @escaping @Sendable () async -> ExitStatus) async -> ExitStatus {
        let task = Task { await body() }
        interrupts.onInterrupt { task.cancel() }
        let status = await task.value
        interrupts.onInterrupt(nil)
        return status
    }

    /// Saves the breakers this run changed, closes the connection pool and the offline server, once,
    /// at the end of the process.
    func shutdown() {
        breakerStore.save(BreakerRegistry.shared.changedRecords())
        interrupts.stop()
        OfflineModel.shared.stop()
        CurlEngine.shared.shutdown()
    }
}
