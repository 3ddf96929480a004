/// The command-line habits llmctl shares with aichat, `llm` and `ollama run`, decided before parsing:
/// a near-miss of a command name (`llmctl aks hi`) is a usage error that suggests the command, and
/// `llmctl help TOPIC` must name a command. A bare prompt (`llmctl "what is 2+2"`) is read as `ask`
/// when the root command cannot take it (see `LLMCtl.main`).
enum CommandLineReading {
    /// A one-line usage error for `arguments`, or nil when they can go to the parser.
    static func problem(_ arguments: [String], commands: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        if first == "help" {
            guard arguments.count > 1, let topic = arguments.dropFirst().first(where: { !$0.hasPrefix("-") }),
                  !commands.contains(topic) else { return nil }
            return "no help topic '\(topic)': use one of \(commands.joined(separator: ", "))"
        }
        guard !commands.contains(first), let near = nearMiss(first, commands: commands) else { return nil }
        return "unknown command '\(first)'; did you mean '\(near)'? (to send it as a prompt: llmctl ask \(first))"
    }

    /// The command `word` looks like a typo of: one edit away (two for names longer than five
    /// letters), counting a swap of neighbours as one edit. Words with spaces are prompts, never typos.
    static func nearMiss(_ word: String, commands: [String]) -> String? {
        guard !word.contains(" "), word.count >= 2 else { return nil }
        let lowered = word.lowercased()
        return commands.first { command in
            let allowed = command.count > 5 ? 2 : 1
            return editDistance(lowered, command) <= allowed
        }
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }
}
