import ArgumentParser
import LLMCommands
import Foundation
import LLMCore
import Terminal

extension LLMCtl {
    /// `llmctl config`: where the config file is, what is in effect, and an example to start from.
    struct Config: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "config",
            abstract: "Locate, show or create the config file.",
            discussion: """
            The file is $XDG_CONFIG_HOME/llmctl/config.toml, else ~/.config/llmctl/config.toml. \
            Precedence: flags > environment variables > config file > built-in defaults.
            """,
            subcommands: [Path.self, Show.self, Init.self])
    }
}

extension LLMCtl.Config {
    /// `llmctl config path`.
    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "path", abstract: "Print the path of the config file (it need not exist).")

        func run() throws {
            try finish(ConfigCommand.path(environment: ProcessInfo.processInfo.environment, console: .standard()))
        }
    }

    /// `llmctl config show`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print the configuration in effect, with secrets redacted.",
            discussion: "Literal keys print as <redacted>; key_cmd is shown but not run. Exit status 3 when the file is invalid.")

        func run() throws {
            try finish(ConfigCommand.show(environment: ProcessInfo.processInfo.environment, console: .standard()))
        }
    }

    /// `llmctl config init`.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Write a commented example config file (mode 0600); never overwrites one.")

        func run() throws {
            try finish(ConfigCommand.initialize(environment: ProcessInfo.processInfo.environment, console: .standard()))
        }
    }
}

/// Ends a subcommand with its status, through ArgumentParser's error path.
private func finish(_ status: ExitStatus) throws {
    if status != .success { throw ExitCode(status.rawValue) }
}
