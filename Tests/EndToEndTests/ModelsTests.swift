import Foundation
import Testing

/// `llmctl models` lists every provider without ever printing a credential.
struct ModelsTests {
    @Test func listsProvidersWithCredentialStatusButNoSecrets() async throws {
        var env = CLIRunner.baseEnvironment()
        env["OPENAI_API_KEY"] = "sk-models-test-secret-1234"
        env["GROQ_API_KEY"] = "gsk-models-test-secret-5678"
        env["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE"
        env["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
        env["AWS_REGION"] = "us-west-2"
        let result = try await CLIRunner.run(["models", "--json"], environment: env)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        for secret in ["sk-models-test-secret-1234", "gsk-models-test-secret-5678", "wJalrXUtnFEMI"] {
            #expect(!result.stdout.contains(secret))
            #expect(!result.stderr.contains(secret))
        }
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: rows.compactMap { row in (row["name"] as? String).map { ($0, row) } })
        for name in ["openai", "azure", "anthropic", "gemini", "bedrock", "ollama", "groq", "vllm", "offline"] {
            #expect(byName[name] != nil, "\(name) missing")
        }
        #expect(byName["openai"]?["ready"] as? Bool == true)
        #expect(byName["openai"]?["credentials"] as? String == "found (OPENAI_API_KEY)")
        #expect(byName["anthropic"]?["ready"] as? Bool == false)
        #expect((byName["anthropic"]?["credentials"] as? String)?.contains("ANTHROPIC_API_KEY") == true)
        #expect(byName["bedrock"]?["endpoint"] as? String == "https://bedrock-runtime.us-west-2.amazonaws.com")
        #expect((byName["groq"]?["examples"] as? [String])?.first?.hasPrefix("groq:") == true)
    }

    @Test func tableOnATerminalOrPipeHasAHeader() async throws {
        let result = try await CLIRunner.run(["models"], environment: CLIRunner.baseEnvironment())
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("PROVIDER"))
        #expect(result.stdout.contains("offline:mock-1"))
    }
}
