import Foundation
import LLMClient
import LLMCore
import Testing
@testable import LLMCommands

/// `llmctl models` run in-process: rows resolve as requests would, key commands are not run.
struct ModelsCommandTests {
    static func rows(_ test: TestContext) async throws -> [String: JSONValue] {
        #expect(await ModelsCommand.execute(json: true, context: test.context) == .success)
        guard case .array(let rows) = try JSONValue.parse(test.stdout) else {
            Issue.record("not a JSON array: \(test.stdout)")
            return [:]
        }
        #expect(rows.last?["name"]?.string == "offline")
        return Dictionary(uniqueKeysWithValues: rows.compactMap { row in row["name"]?.string.map { ($0, row) } })
    }

    @Test func configEndpointsAreListedAsRequestsWouldResolveThem() async throws {
        let marker = NSTemporaryDirectory() + "llmctl-models-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: marker) }
        let config = try ConfigParser.parse("""
        [aliases]
        fast = "work:gpt-4o"
        [endpoints.work]
        kind = "anthropic"
        base_url = "https://llm-gateway.example.com"
        key_cmd = "touch \(marker); echo sk-from-cmd-445566"
        [endpoints.openai]
        kind = "openai"
        base_url = "https://proxy.example.com/v1"
        api_key_env = "MY_OPENAI"
        """, path: "/c/config.toml")
        let test = TestContext(environment: ["MY_OPENAI": "sk-models-config-secret-778899"], config: config)
        let byName = try await Self.rows(test)
        #expect(!test.stdout.contains("sk-models-config-secret-778899"))
        // A table named like a built-in provider replaces it: its URL, its key variable.
        let openai = try #require(byName["openai"])
        #expect(openai["endpoint"]?.string == "https://proxy.example.com/v1")
        #expect(openai["credentials"]?.string == "found (MY_OPENAI)")
        #expect(openai["source"]?.string == "[endpoints.openai] in the config file")
        // An endpoint of the file's own, with the models the file names for it; its key command is not run.
        let work = try #require(byName["work"])
        #expect(work["protocol"]?.string == "anthropic")
        #expect(work["endpoint"]?.string == "https://llm-gateway.example.com")
        #expect(work["examples"] == .array([.string("work:gpt-4o")]))
        #expect(work["credentials"]?.string == "key_cmd (run when first used)")
        #expect(!FileManager.default.fileExists(atPath: marker), "listing must not run key commands")
    }

    /// Every catalog row is listed, with its first example and what its credentials need.
    @Test func everyCatalogRowIsARow() async throws {
        let test = TestContext(environment: ["AZURE_OPENAI_API_KEY": "az-0123456789", "AZURE_OPENAI_ENDPOINT": "https://r.openai.azure.com"])
        let byName = try await Self.rows(test)
        for row in ProviderCatalog.builtInRows {
            #expect(byName[row.name] != nil, "\(row.name) missing")
        }
        #expect(byName["azure"]?["ready"] == .bool(true))
        #expect(byName["azure"]?["credentials"]?.string == "found (AZURE_OPENAI_API_KEY)")
        #expect(byName["gemini"]?["credentials"]?.string?.contains("GEMINI_API_KEY") == true)
        #expect(byName["lmstudio"]?["credentials"]?.string == "not needed")
    }
}
