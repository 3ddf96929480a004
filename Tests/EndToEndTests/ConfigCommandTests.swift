import Foundation
import LLMCore
import Testing

/// `llmctl config path|show|init` and config errors, through the built binary.
@Suite struct ConfigCommandTests {
    @Test func pathFollowsXDGThenHome() async throws {
        let home = try ConfigHome()
        defer { home.remove() }
        let xdg = try await CLIRunner.run(["config", "path"], environment: home.environment)
        #expect(xdg.status == 0)
        #expect(xdg.stdout == home.configFile + "\n")
        var env = home.environment
        env["XDG_CONFIG_HOME"] = nil
        let fallback = try await CLIRunner.run(["config", "path"], environment: env)
        #expect(fallback.stdout == home.path + "/.config/llmctl/config.toml\n")
    }

    @Test func initWritesAPrivateExampleAndRefusesToOverwrite() async throws {
        let home = try ConfigHome()
        defer { home.remove() }
        let first = try await CLIRunner.run(["config", "init"], environment: home.environment)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(first.stdout.isEmpty)
        #expect(home.read(home.configFile) == ConfigTemplate.text)
        #expect(try home.mode(home.configFile) == 0o600)
        #expect(try home.mode(home.path + "/config/llmctl") == 0o700)

        try home.write("default_model = \"offline:mock-1\"\n")
        let second = try await CLIRunner.run(["config", "init"], environment: home.environment)
        #expect(second.status == 3, "a known refusal has its own code, not 1 (unexpected failure)")
        #expect(second.stderr.contains("\(home.configFile) already exists; not overwriting it"))
        #expect(home.read(home.configFile) == "default_model = \"offline:mock-1\"\n")
    }

    @Test func showRedactsSecretsAndDoesNotRunKeyCommands() async throws {
        let home = try ConfigHome()
        defer { home.remove() }
        let marker = home.path + "/key-cmd-ran"
        try home.write("""
        default_model = "work:gpt-4o"
        [endpoints.work]
        kind = "openai"
        base_url = "https://gateway.example.com/v1"
        key_cmd = "touch \(marker); echo sk-from-command-1234"
        [endpoints.lit]
        kind = "anthropic"
        api_key = "sk-ant-literal-5678"
        headers = { "x-api-key" = "hdr-secret-9012" }
        """)
        let result = try await CLIRunner.run(["config", "show"], environment: home.environment)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("# file: \(home.configFile)"))
        #expect(result.stdout.contains("key_cmd = \"touch \(marker); echo sk-from-command-1234\""))
        #expect(result.stdout.contains("api_key = \"<redacted>\""))
        #expect(result.stdout.contains("x-api-key = \"<redacted>\""))
        for secret in ["sk-ant-literal-5678", "hdr-secret-9012"] {
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))
        }
        #expect(!FileManager.default.fileExists(atPath: marker), "config show ran key_cmd")
    }

    @Test func showWithoutAFileSaysSo() async throws {
        let home = try ConfigHome()
        defer { home.remove() }
        let result = try await CLIRunner.run(["config", "show"], environment: home.environment)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("# no config file at \(home.configFile)"))
    }

    @Test(arguments: [
        ("default_model = \"offline:mock-1\"\n\n[endpoints.w]\nkind = \"openai\"\nbse_url = \"https://x\"\n",
         ":5: unknown key 'bse_url' in [endpoints.w] (did you mean 'base_url'?)"),
        ("\n\n\n\n\n\ndefualt_model = \"openai:gpt-4o\"\n", ":7: unknown key 'defualt_model' (did you mean 'default_model'?)"),
        ("[models.\"openai:gpt-4o\"]\n\ntemperature = \"hot\"\n", ":3: temperature must be a number between 0 and 2"),
        ("[repl]\nsummary = yes\n", ":2:"),
    ])
    func badFileExitsThreeWithFileAndLine(text: String, expected: String) async throws {
        let home = try ConfigHome()
        defer { home.remove() }
        try home.write(text)
        for arguments in [["ask", "hi"], ["config", "show"], ["ask", "-m", "offline:mock-1", "hi"]] {
            let result = try await CLIRunner.run(arguments, environment: home.environment)
            #expect(result.status == 3, "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("llmctl: error: \(home.configFile)\(expected)"), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        }
        // `config path` and `config init` still work, so a broken file can be found and fixed.
        #expect(try await CLIRunner.run(["config", "path"], environment: home.environment).status == 0)
    }

    @Test func literalKeyInAReadableFileWarns() async throws {
        let home = try ConfigHome()
        defer { home.remove() }
        let text = "[endpoints.w]\nkind = \"openai\"\napi_key = \"sk-literal-0123456789\"\n"
        let warning = "llmctl: warning: config.toml holds a literal key and is readable by others: chmod 600 \(home.configFile)"
        try home.write(text, mode: 0o644)
        let shown = try await CLIRunner.run(["config", "show"], environment: home.environment)
        #expect(shown.status == 0)
        #expect(shown.stderr.contains(warning))
        let asked = try await CLIRunner.run(["ask", "-m", "offline:mock-1", "hi"], environment: home.environment)
        #expect(asked.status == 0, "stderr: \(asked.stderr)")
        #expect(asked.stderr.contains(warning))
        try home.write(text, mode: 0o600)
        let quiet = try await CLIRunner.run(["config", "show"], environment: home.environment)
        #expect(!quiet.stderr.contains("warning"))
    }
}
