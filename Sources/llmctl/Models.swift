import ArgumentParser
import LLMCommands
import Foundation
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
            let runtime = ProcessRuntime()
            defer { runtime.shutdown() }
            let status = await ModelsCommand.execute(json: json, context: runtime.context)
            if status != .success { throw ExitCode(status.rawValue) }
        }
    }
}
