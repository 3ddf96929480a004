import ArgumentParser

@main
struct LLMCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "llmctl", abstract: "A command-line LLM playground.")
    func run() async throws {}
}
