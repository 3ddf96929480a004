import CurlTransport
import Foundation
import LLMClient
import LLMCore
import Terminal

/// The process's real outside world: environment, console, the shared engine and providers.
final class Runtime: Sendable {
    let context: CommandContext
    let interrupts = InterruptHandler()

    init() {
        let env = ProcessInfo.processInfo.environment
        let console = Console()
        let registry = ProviderRegistry()
        let environment = EnvironmentResolver(environment: env, registry: registry)
        let client = ChatClient(engine: .shared, transferOptions: .fromEnvironment(env)) { kind in
            try registry.provider(for: kind)
        }
        let resolver = ModelResolver(environment: env, offline: .shared) { name in
            try environment.endpoint(for: name)
        }
        context = CommandContext(console: console, environment: env, client: client, resolver: resolver) {
            console.inIsTTY ? nil : String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
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

    /// Closes the connection pool and the offline server once, at the end of the process.
    func shutdown() {
        interrupts.stop()
        OfflineModel.shared.stop()
        CurlEngine.shared.shutdown()
    }
}
