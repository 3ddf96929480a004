import ArgumentParser
import Foundation

/// Says where an option belongs when it was given where it has no effect: before the command name
/// (`llmctl -c ask …`), or to a command that does not take it (`llmctl batch -c …`). Every option
/// either works where it is given or is one of these usage errors.
enum OptionPlacement {
    static func problem(_ arguments: [String], commands: [String]) -> String? {
        guard let index = arguments.firstIndex(where: commands.contains) else { return nil }
        let command = arguments[index]
        let before = arguments[..<index].filter { $0.hasPrefix("-") }
        if let option = before.first {
            let takers = commandsTaking(option, among: commands)
            let example = takers.contains(command) ? "llmctl \(command) \(option) …" : nil
            return "'\(option)' is given before '\(command)'; options go after the command name"
                + (example.map { ": \($0)" } ?? belongs(takers))
        }
        for option in arguments[(index + 1)...] where option.hasPrefix("-") && option != "--" {
            let name = option.split(separator: "=", maxSplits: 1).first.map(String.init) ?? option
            guard !accepts(command, name) else { continue }
            let takers = commandsTaking(name, among: commands)
            guard !takers.isEmpty else { return nil }  // unknown everywhere: the parser's own message says so
            return "'\(name)' is not an option of \(command)" + belongs(takers)
        }
        return nil
    }

    /// `; it belongs to ask, the chat (llmctl without a command)`
    static func belongs(_ commands: [String]) -> String {
        guard !commands.isEmpty else { return "" }
        return "; it belongs to " + commands.map { $0 == "chat" ? "the chat (llmctl without a command)" : $0 }.joined(separator: ", ")
    }

    /// The commands that accept `option` (as a flag, or with a value).
    static func commandsTaking(_ option: String, among commands: [String]) -> [String] {
        commands.filter { accepts($0, option) }
    }

    /// Whether `command` declares `option` (any spelling, hidden ones included).
    static func accepts(_ command: String, _ option: String) -> Bool {
        optionsByCommand[command]?.contains(option) ?? false
    }

    /// Every subcommand's option spellings, read from ArgumentParser's own description of the tree,
    /// so this table can never drift from the definitions.
    static let optionsByCommand: [String: Set<String>] = {
        guard let data = LLMCtl._dumpHelp().data(using: .utf8),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let command = root["command"] as? [String: Any],
              let subcommands = command["subcommands"] as? [[String: Any]] else { return [:] }
        var table: [String: Set<String>] = [:]
        for sub in subcommands {
            guard let name = sub["commandName"] as? String else { continue }
            var spellings: Set<String> = []
            for argument in sub["arguments"] as? [[String: Any]] ?? [] {
                for spelling in argument["names"] as? [[String: Any]] ?? [] {
                    guard let text = spelling["name"] as? String, let kind = spelling["kind"] as? String else { continue }
                    spellings.insert(kind == "long" ? "--" + text : "-" + text)
                }
            }
            table[name] = spellings
        }
        return table
    }()
}
