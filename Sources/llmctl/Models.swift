import ArgumentParser
import Foundation
import LLMClient
import LLMCore
import Terminal

extension LLMCtl {
    /// `llmctl models`: what each provider needs and where it will send requests.
    struct Models: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "models",
            abstract: "List providers and config-file endpoints: credentials found or missing, the URL requests go to, example models, circuit state.")

        @Flag(help: "Print a JSON array instead of a table.")
        var json = false

        func run() async throws {
            let runtime = Runtime()
            defer { runtime.shutdown() }
            let env = ProcessInfo.processInfo.environment
            let resolver = EnvironmentResolver(environment: env, registry: ProviderRegistry()) { path in
                try? String(contentsOfFile: path, encoding: .utf8)
            }
            let status = ModelsCommand.execute(json: json, context: runtime.context, registry: ProviderRegistry(),
                                               resolver: resolver, config: runtime.config,
                                               breakers: BreakerRegistry.shared.breakerStates())
            if status != .success { throw ExitCode(status.rawValue) }
        }
    }
}
