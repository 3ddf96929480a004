import Foundation
import MockProviders
import Testing

/// The REPL in a real pseudo-terminal (tmux) against MockProviders on 127.0.0.1.
@Suite("REPL in a terminal", .serialized, .enabled(if: TmuxREPL.isAvailable, "needs tmux"))
struct REPLTerminalTests {
    static let prompt = "openai:gpt-4o-mini> "

    /// A mock server and the environment that points llmctl's `openai` provider at it.
    static func server(tokens: Int = 6, delay: Duration = .zero) throws -> (MockServer, [String: String]) {
        let server = try MockServer(configuration: MockConfiguration(tokens: tokens, tokenDelay: delay))
        try server.start()
        let env = ["OPENAI_BASE_URL": server.baseURL + "/v1", "OPENAI_API_KEY": "sk-test",
                   "LLMCTL_MODEL": "openai:gpt-4o-mini"]
        return (server, env)
    }

    /// The messages of each chat request the server received, as (role, content) pairs.
    static func conversations(_ server: MockServer) -> [[(role: String, content: String)]] {
        server.recordedRequests.filter { $0.path.hasSuffix("/chat/completions") }.map { request in
            let object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any]
            let messages = object?["messages"] as? [[String: Any]] ?? []
            return messages.map { ($0["role"] as? String ?? "", $0["content"] as? String ?? "") }
        }
    }

    static func model(of request: RecordedRequest) -> String? {
        let object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any]
        return object?["model"] as? String
    }

    @Test func historySurvivesARestartWithoutSecrets() async throws {
        let (server, env) = try Self.server()
        defer { server.stop() }
        let home = TmuxREPL.makeHome()
        do {
            let repl = try await TmuxREPL(home: home, environment: env)
            try await repl.wait(for: Self.prompt)
            try await repl.type("remember this line")
            try await repl.keys("Enter")
            try await repl.waitForReplies(1, prompt: Self.prompt)
            try await repl.type("/set summary sk-proj-abcdefghijklmnopqrstuvwxyz0123456789")
            try await repl.keys("Enter")
            try await repl.wait(for: "summary is on or off")
            try await repl.keys("C-d")
            try await repl.wait(for: "EXIT=0")
        }
        let history = home + "/state/llmctl/history"
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        #expect(saved.contains("remember this line"))
        #expect(!saved.contains("sk-proj"))
        let mode = try FileManager.default.attributesOfItem(atPath: history)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        do {
            let again = try await TmuxREPL(home: home, environment: env)
            try await again.wait(for: Self.prompt)
            try await again.keys("Up")
            try await again.wait(for: Self.prompt + "remember this line")
            try await again.keys("C-u", "C-d")
            try await again.wait(for: "EXIT=0")
        }

        // Ctrl-R at a fresh prompt: incremental search back through the saved history; Enter sends the match.
        let third = try await TmuxREPL(home: home, environment: env)
        try await third.wait(for: Self.prompt)
        try await third.keys("C-r")
        try await third.type("emem")
        try await third.wait("the search to find the line") { $0.contains("remember this line") }
        try await third.keys("Enter")
        try await third.wait("the searched line's reply") { TmuxREPL.summaries($0) == 1 }
        #expect(Self.conversations(server).last?.last?.content == "remember this line")
        try await third.keys("C-d")
        try await third.wait(for: "EXIT=0")
    }

    @Test func multiLineInputArrivesAsOneMessage() async throws {
        let (server, env) = try Self.server()
        defer { server.stop() }
        let repl = try await TmuxREPL(home: TmuxREPL.makeHome(), environment: env)
        try await repl.wait(for: Self.prompt)
        for line in ["\"\"\"", "first line", "/not a command", "\"\"\""] {
            try await repl.type(line)
            try await repl.keys("Enter")
        }
        try await repl.waitForReplies(1, prompt: Self.prompt)
        try await repl.type("one \\")
        try await repl.keys("Enter")
        try await repl.type("two")
        try await repl.keys("Enter")
        try await repl.wait("the continuation's reply") { TmuxREPL.summaries($0) == 2 }
        try await repl.wait(for: Self.prompt, count: 3)
        try await repl.paste("pasted one\npasted two")
        try await repl.keys("Enter")
        try await repl.wait("the paste's reply") { TmuxREPL.summaries($0) == 3 }

        let requests = Self.conversations(server)
        #expect(requests.count == 3)
        #expect(requests.first?.last?.content == "first line\n/not a command")
        #expect(requests.dropFirst().first?.last?.content == "one \ntwo")
        #expect(requests.last?.last?.content == "pasted one\npasted two")
        // Context: the third request carries both earlier exchanges.
        #expect(requests.last?.map(\.role) == ["user", "assistant", "user", "assistant", "user"])
        try await repl.keys("C-d")
        try await repl.wait(for: "EXIT=0")
    }

    @Test func tabCompletesAndModelSwitches() async throws {
        let (server, env) = try Self.server()
        defer { server.stop() }
        let repl = try await TmuxREPL(home: TmuxREPL.makeHome(), environment: env)
        try await repl.wait(for: Self.prompt)
        try await repl.type("/mo")
        try await repl.keys("Tab")
        try await repl.wait(for: Self.prompt + "/model ")
        try await repl.type("openai:gpt-4.")
        try await repl.keys("Tab")
        try await repl.wait(for: Self.prompt + "/model openai:gpt-4.1 ")
        try await repl.keys("Enter")
        try await repl.wait(for: "openai:gpt-4.1> ")
        try await repl.type("hello")
        try await repl.keys("Enter")
        try await repl.wait("the reply") { TmuxREPL.summaries($0) == 1 }
        #expect(server.recordedRequests.last.flatMap(Self.model) == "gpt-4.1")

        try await repl.type("/modle")
        try await repl.keys("Enter")
        try await repl.wait(for: "unknown command /modle — did you mean /model?")
        #expect(server.recordedRequests.count == 1)
        try await repl.keys("C-d")
        try await repl.wait(for: "EXIT=0")
    }

    /// Ctrl-C cancels only the reply in flight. On HTTP/1.1 (the mock) cancelling a transfer closes
    /// its connection, so the next request opens a new one and the one after reuses it; over HTTP/2 the
    /// stream would be reset and the connection kept.
    @Test func ctrlCDuringAReplyKeepsThePartialAndTheSession() async throws {
        let (server, env) = try Self.server(tokens: 40, delay: .milliseconds(25))
        defer { server.stop() }
        let repl = try await TmuxREPL(home: TmuxREPL.makeHome(), environment: env)
        try await repl.wait(for: Self.prompt)
        try await repl.type("one")
        try await repl.keys("Enter")
        try await repl.waitForReplies(1, prompt: Self.prompt, timeout: 15)

        try await repl.type("two")
        try await repl.keys("Enter")
        try await repl.wait(for: "Mock reply to: two. token1 token2 token3 ")
        let pressed = Date()
        try await repl.keys("C-c")
        try await repl.wait(for: "[interrupted]")
        try await repl.wait(for: Self.prompt, count: 3)
        let latency = Date().timeIntervalSince(pressed)
        // Seen from here it includes tmux's round trips and polling; the REPL's own measure, from the
        // SIGINT to the cancelled request handing back its partial reply, is on the interrupted line.
        #expect(latency < 1.0, "prompt back after \(latency) s")
        let line = try #require(repl.lastLine(startingWith: "[interrupted]"))
        let stopped = line.components(separatedBy: "stopped in ").dropFirst().first?.split(separator: " ")
        let value = try #require(stopped?.first.flatMap { Double($0) }, "\(line)")
        #expect(stopped?.dropFirst().first == "ms" && value < 100, "\(line)")

        try await repl.type("three")
        try await repl.keys("Enter")
        try await repl.waitForReplies(2, prompt: Self.prompt, timeout: 15)
        try await repl.type("four")
        try await repl.keys("Enter")
        try await repl.wait("the fourth reply", timeout: 15) { TmuxREPL.summaries($0) == 3 }
        let screen = try await repl.screen()
        let summaries = TmuxREPL.summaryLines(screen)
        #expect(summaries.map { $0.contains("new conn") } == [true, true, false])
        // The interrupted reply did use a connection (the one the first reply opened), and says so.
        #expect(repl.lastLine(startingWith: "[interrupted]")?.contains("reused conn") == true)

        let requests = Self.conversations(server)
        try #require(requests.count == 4, "\(screen)")
        let third = requests[2]
        try #require(third.map(\.role) == ["user", "assistant", "user", "assistant", "user"], "\(screen)")
        #expect(third[3].content.hasPrefix("Mock reply to: two"))
        #expect(!third[3].content.contains("token40"))

        try await repl.type("/stats")
        try await repl.keys("Enter")
        try await repl.wait(for: "connections: 2 opened, 1 reused")
        #expect(repl.lastScreen.contains("requests: 3, 1 interrupted"))
        #expect(server.acceptedConnections == 2)
        try await repl.keys("C-d")
        try await repl.wait(for: "EXIT=0")
    }

    @Test func fivePromptsShareOneConnection() async throws {
        let (server, env) = try Self.server()
        defer { server.stop() }
        let repl = try await TmuxREPL(home: TmuxREPL.makeHome(), environment: env)
        try await repl.wait(for: Self.prompt)
        for i in 1...5 {
            try await repl.type("prompt \(i)")
            try await repl.keys("Enter")
            try await repl.waitForReplies(i, prompt: Self.prompt)
        }
        try await repl.type("/stats")
        try await repl.keys("Enter")
        try await repl.wait(for: "connections: 1 opened, 4 reused (80% reuse)")
        #expect(repl.lastScreen.contains("requests: 5"))
        #expect(server.acceptedConnections == 1)
        #expect(Self.conversations(server).last?.count == 9)
        try await repl.keys("C-d")
        try await repl.wait(for: "EXIT=0")
    }

    @Test func ctrlCAtThePromptAndCtrlDLeaveASaneTerminal() async throws {
        let (server, env) = try Self.server()
        defer { server.stop() }
        let repl = try await TmuxREPL(home: TmuxREPL.makeHome(), environment: env)
        try await repl.wait(for: Self.prompt)
        try await repl.type("a draft I abandon")
        try await repl.keys("C-c")
        try await repl.wait(for: "a draft I abandon^C")
        try await repl.wait(for: Self.prompt, count: 2)
        try await repl.keys("Enter")
        try await repl.wait(for: Self.prompt, count: 3)
        try await repl.keys("C-d")
        // `stty -a` runs in the same terminal right after llmctl exits; wait for its local-flags line.
        let screen = try await repl.wait("stty -a after the exit") {
            ($0.components(separatedBy: "EXIT=0").dropFirst().first ?? "").contains("icanon")
        }
        #expect(server.recordedRequests.isEmpty)
        let stty = screen.components(separatedBy: "EXIT=0").last ?? ""
        let flags = Set(stty.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        #expect(flags.contains("icanon") && flags.contains("echo") && flags.contains("isig"), "\(stty)")
        #expect(!flags.contains("-icanon") && !flags.contains("-echo") && !flags.contains("-isig"))
    }

    /// `bind -v` in ~/.editrc gives vi keys; ESC must reach vi at once (no ESC-prefixed binding may
    /// swallow the next key), and Ctrl-C and paste keep working.
    @Test func viModeFromEditrc() async throws {
        let (server, env) = try Self.server()
        defer { server.stop() }
        let home = TmuxREPL.makeHome()
        try "bind -v\n".write(toFile: home + "/.editrc", atomically: true, encoding: .utf8)
        let repl = try await TmuxREPL(home: home, environment: env)
        try await repl.wait(for: Self.prompt)
        try await repl.type("abc")
        // Sent in one go: the key right after ESC must not be taken for part of a sequence.
        try await repl.keys("Escape", "0", "i", "X")
        try await repl.wait(for: Self.prompt + "Xabc")
        try await repl.keys("Escape", "A")
        try await repl.paste(" and\npasted")
        try await repl.keys("Enter")
        try await repl.wait("the reply") { TmuxREPL.summaries($0) == 1 }
        #expect(Self.conversations(server).last?.last?.content == "Xabc and\npasted")
        try await repl.keys("C-d")
        try await repl.wait(for: "EXIT=0")
    }

    /// Conversations live in the log: a named one and an unnamed one both outlive their REPLs, `-c`
    /// reopens the latest, `/sessions` lists them, `/resume NAME` switches, and the next request
    /// carries the resumed turns.
    @Test func conversationsSurviveRestartsAndResume() async throws {
        let (server, env) = try Self.server()
        defer { server.stop() }
        let home = TmuxREPL.makeHome()
        do {
            let repl = try await TmuxREPL(home: home, environment: env, arguments: ["--session", "work"])
            try await repl.wait(for: "session work (new)")
            try await repl.type("remember the number 42")
            try await repl.keys("Enter")
            try await repl.waitForReplies(1, prompt: Self.prompt)
            try await repl.keys("C-d")
            try await repl.wait(for: "EXIT=0")
        }
        do {
            // A plain start is a new conversation; the named one stays in the log.
            let repl = try await TmuxREPL(home: home, environment: env)
            try await repl.wait(for: Self.prompt)
            try await repl.type("an unrelated question")
            try await repl.keys("Enter")
            try await repl.waitForReplies(1, prompt: Self.prompt)
            #expect(Self.conversations(server).last?.count == 1)
            try await repl.keys("C-d")
            try await repl.wait(for: "EXIT=0")
        }
        let log = home + "/.local/share/llmctl/logs.db"
        let mode = try FileManager.default.attributesOfItem(atPath: log)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        do {
            let resumed = try await TmuxREPL(home: home, environment: env, arguments: ["-c"])
            try await resumed.wait(for: "continuing (2 messages)")
            try await resumed.wait(for: Self.prompt)
            try await resumed.type("/sessions")
            try await resumed.keys("Enter")
            let listed = try await resumed.wait(for: "/resume ID")
            #expect(listed.contains("[work]  remember the number 42"), "\(listed)")
            #expect(listed.contains("* ") && listed.contains("an unrelated question"), "the current one is marked: \(listed)")
            try await resumed.type("/resume work")
            try await resumed.keys("Enter")
            try await resumed.wait(for: "2 messages · model")
            try await resumed.type("what was the number?")
            try await resumed.keys("Enter")
            try await resumed.waitForReplies(1, prompt: Self.prompt)
            let last = try #require(Self.conversations(server).last)
            #expect(last.map(\.content).first == "remember the number 42")
            #expect(last.count == 3)
            try await resumed.keys("C-d")
            try await resumed.wait(for: "EXIT=0")
        }
        // The named conversation now has both turns.
        let again = try await TmuxREPL(home: home, environment: env, arguments: ["--session", "work"])
        try await again.wait(for: "session work (4 messages)")
        try await again.keys("C-d")
        try await again.wait(for: "EXIT=0")
    }

    /// `/save NAME` names the conversation in the log and `/load NAME` opens it again; `/save PATH`
    /// exports JSON and asks before overwriting a file.
    @Test func saveAndLoadByNameAndPath() async throws {
        let (server, env) = try Self.server()
        defer { server.stop() }
        let home = TmuxREPL.makeHome()
        let export = home + "/chat.json"
        try "keep me".write(toFile: export, atomically: true, encoding: .utf8)
        let repl = try await TmuxREPL(home: home, environment: env)
        try await repl.wait(for: Self.prompt)
        try await repl.type("remember the word teal")
        try await repl.keys("Enter")
        try await repl.waitForReplies(1, prompt: Self.prompt)
        try await repl.type("/save colours")
        try await repl.keys("Enter")
        try await repl.wait(for: "now named colours")
        try await repl.type("/save " + export)
        try await repl.keys("Enter")
        try await repl.wait(for: "overwrite it? [y/N]")
        try await repl.keys("n", "Enter")
        try await repl.wait(for: "not saved")
        #expect(try String(contentsOfFile: export, encoding: .utf8) == "keep me")
        try await repl.type("/save " + export)
        try await repl.keys("Enter")
        try await repl.wait(for: "overwrite it? [y/N]", count: 2)
        try await repl.keys("y", "Enter")
        try await repl.wait(for: "saved 2 messages to")
        #expect(try String(contentsOfFile: export, encoding: .utf8).contains("remember the word teal"))
        try await repl.type("/clear")
        try await repl.keys("Enter")
        try await repl.wait(for: "conversation cleared")
        try await repl.type("/load colours")
        try await repl.keys("Enter")
        try await repl.wait(for: "resumed colours")
        try await repl.type("which word?")
        try await repl.keys("Enter")
        try await repl.waitForReplies(2, prompt: Self.prompt)
        #expect(Self.conversations(server).last?.first?.content == "remember the word teal")
        try await repl.keys("C-d")
        try await repl.wait(for: "EXIT=0")
    }

    @Test func statsShowAnOpenCircuit() async throws {
        let (server, env) = try Self.server()
        defer { server.stop() }
        server.setDefaultFault(.http(503))
        let repl = try await TmuxREPL(home: TmuxREPL.makeHome(), environment: env,
                                arguments: ["--retries", "0", "--breaker-threshold", "1", "--breaker-cooldown", "60"])
        try await repl.wait(for: Self.prompt)
        try await repl.type("this will fail")
        try await repl.keys("Enter")
        try await repl.wait(for: "HTTP 503")
        try await repl.wait(for: Self.prompt, count: 2)
        try await repl.type("/stats")
        try await repl.keys("Enter")
        let screen = try await repl.wait(for: "circuit openai:gpt-4o-mini (")
        #expect(screen.contains("): open until "), "\(screen)")
        #expect(screen.contains("(in 60 s)") || screen.contains("(in 59 s)"), "\(screen)")
        try await repl.keys("C-d")
        try await repl.wait(for: "EXIT=0")
    }
}
