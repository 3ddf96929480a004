import ArgumentParser
import Foundation
import LLMCore
import Terminal

/// `llmctl`: a REPL on a terminal; like `ask` when stdin is piped.
@main
struct LLMCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llmctl",
        abstract: "A command-line LLM playground: stream replies from any provider and see where the time went.",
        discussion: """
        With no subcommand on a terminal, llmctl opens an interactive chat. With stdin piped, it answers \
        like `llmctl ask`. Exit codes: \(ExitStatus.allCases.map { "\($0.rawValue) \($0.summary)" }.joined(separator: "; ")).
        """,
        version: "llmctl \(LLMCtlVersion.string)",
        subcommands: [Ask.self, Config.self])

    @OptionGroup var model: ModelOptions

    func run() async throws {
        let runtime = Runtime()
        defer { runtime.shutdown() }
        let status = await AskCommand.execute(model.askOptions(words: [], json: false, stats: false),
                                              context: runtime.context)
        if status != .success { throw ExitCode(status.rawValue) }
    }

    /// Parses, runs, and maps every failure to the documented exit codes (usage errors exit 2).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue)
        }
    }
}

enum LLMCtlVersion {
    static let string = "0.1.0"
}
