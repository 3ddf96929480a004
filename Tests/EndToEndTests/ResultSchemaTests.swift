import Foundation
import MockProviders
import Testing

/// `ask --json`, a `batch` line and an entry of `compare --json` are one object: for the same reply
/// they have the same keys, nested keys included, and the same values (timings and connection
/// details aside, which differ run to run).
@Suite(.serialized)
struct ResultSchemaTests {
    static let prompt = "same question"

    /// Every key path of a JSON object (`usage.input_tokens`, `attempts[].outcome`).
    static func keyPaths(_ value: Any, prefix: String = "") -> Set<String> {
        if let object = value as? [String: Any] {
            return object.reduce(into: Set<String>()) { paths, member in
                let path = prefix.isEmpty ? member.key : prefix + "." + member.key
                paths.insert(path)
                paths.formUnion(keyPaths(member.value, prefix: path))
            }
        }
        if let array = value as? [Any] {
            return array.reduce(into: Set<String>()) { $0.formUnion(keyPaths($1, prefix: prefix + "[]")) }
        }
        return []
    }

    static func json(_ text: some StringProtocol) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The fields that must agree exactly; timing and connection numbers are per run.
    static func stable(_ object: [String: Any]) -> String {
        var copy = object
        for key in ["id", "timing", "connection"] { copy[key] = nil }
        copy["attempts"] = (object["attempts"] as? [[String: Any]])?.map { attempt in
            attempt.filter { $0.key != "waited_ms" && $0.key != "reused_connection" }
        }
        let data = (try? JSONSerialization.data(withJSONObject: copy, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func askBatchAndCompareShareOneObject() async throws {
        let server = try MockFixture.start(.init(replyText: "one answer for every command"))
        defer { server.stop() }
        let environment = MockFixture.openAIEnvironment(server, key: "sk-test-schema-0123456789")
        let model = "openai:gpt-4o-mini"

        let ask = try await CLIRunner.run(["ask", "--json", "-m", model, Self.prompt], environment: environment)
        #expect(ask.status == 0, "stderr: \(ask.stderr)")
        let fromAsk = try Self.json(ask.stdout)

        let batch = try await CLIRunner.run(["batch", "-m", model, "-"], environment: environment,
                                            stdin: #"{"id": 1, "prompt": "\#(Self.prompt)"}"# + "\n")
        #expect(batch.status == 0, "stderr: \(batch.stderr)")
        let fromBatch = try Self.json(try #require(batch.stdout.split(separator: "\n").first))

        let compare = try await CLIRunner.run(["compare", "--json", "-m", model, "-m", model, Self.prompt],
                                              environment: environment)
        #expect(compare.status == 0, "stderr: \(compare.stderr)")
        let results = try #require(try Self.json(compare.stdout)["results"] as? [[String: Any]])
        let fromCompare = try #require(results.first)

        #expect(fromBatch["id"] as? Int == 1)
        var batchKeys = Self.keyPaths(fromBatch)
        batchKeys.remove("id")
        #expect(Self.keyPaths(fromAsk) == batchKeys)
        #expect(Self.keyPaths(fromAsk) == Self.keyPaths(fromCompare))
        for key in ["model", "provider", "text", "finish_reason", "usage", "timing", "connection", "attempts", "error"] {
            #expect(fromAsk.keys.contains(key), "ask --json lacks \(key)")
        }
        #expect(fromAsk["model"] as? String == model)
        #expect(fromAsk["provider"] as? String == "openai")
        #expect(fromAsk["text"] as? String == "one answer for every command")
        #expect(fromAsk["error"] is NSNull)
        #expect(Self.stable(fromAsk) == Self.stable(fromBatch))
        #expect(Self.stable(fromAsk) == Self.stable(fromCompare))
    }

    @Test func failuresShareTheObjectToo() async throws {
        let server = try MockFixture.start()
        defer { server.stop() }
        server.setDefaultFault(.http(400))
        let environment = MockFixture.openAIEnvironment(server, key: "sk-test-schema-0123456789")
        let model = "openai:gpt-4o-mini"
        let ask = try await CLIRunner.run(["ask", "--json", "--retries", "0", "-m", model, Self.prompt], environment: environment)
        #expect(ask.status == 5, "stderr: \(ask.stderr)")
        let batch = try await CLIRunner.run(["batch", "--retries", "0", "-m", model, "-"], environment: environment,
                                            stdin: #"{"id": "a", "prompt": "\#(Self.prompt)"}"# + "\n")
        let fromAsk = try Self.json(ask.stdout)
        let fromBatch = try Self.json(try #require(batch.stdout.split(separator: "\n").first))
        var batchKeys = Self.keyPaths(fromBatch)
        batchKeys.remove("id")
        #expect(Self.keyPaths(fromAsk) == batchKeys)
        let error = try #require(fromAsk["error"] as? [String: Any])
        #expect(error["kind"] as? String == "bad_request")
        #expect(error["exit_code"] as? Int == 5)
        #expect(Self.stable(fromAsk) == Self.stable(fromBatch))
    }
}
