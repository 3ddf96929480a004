import Foundation
import LLMClient
import LLMCore

/// One row of `llmctl models`: a provider, whether its credentials were found, where it will send requests.
public struct ProviderListing: Sendable, Hashable {
    public var name: String
    public var protocolName: String
    /// `found (OPENAI_API_KEY)`, `not needed`, or what is missing.
    public var credentials: String
    public var ready: Bool
    public var endpoint: String
    public var examples: [String]
    /// The circuit breaker's state (kept between runs), when it has one.
    public var circuit: String?
    /// Where the row comes from when it is not built in (`[endpoints.work] in the config file`).
    public var source: String? = nil
}

/// `llmctl models`: every provider, its credential status (never the credential), endpoint and example refs.
public enum ModelsCommand {
    /// Example model names for providers that are not OpenAI-compatible table rows.
    static let builtInExamples: [String: [String]] = [
        "anthropic": ["claude-sonnet-4-5", "claude-haiku-4-5"],
        "gemini": ["gemini-2.5-flash", "gemini-2.5-pro"],
        "bedrock": ["anthropic.claude-3-haiku-20240307-v1:0", "amazon.titan-text-express-v1"],
        "ollama": ["llama3.2", "qwen2.5:7b"],
    ]

    /// Lists the providers the registry knows, the config file's endpoints, and the offline model, each
    /// resolved the way a request would resolve it: a config table named like a built-in provider
    /// replaces it, the environment's variables still win. Key commands are not run for a listing.
    public static func listings(registry: ProviderRegistry, resolver: EnvironmentResolver,
                                config: LLMConfig = LLMConfig(), environment: [String: String] = [:],
                                breakers: [String: BreakerSnapshot] = [:]) -> [ProviderListing] {
        // A breaker belongs to a name at a base URL, so a row shows the one of the endpoint it resolved to.
        func circuit(_ endpoint: Endpoint) -> String? { breakers[BreakerRegistry.key(for: endpoint)]?.summary() }
        var rows: [ProviderListing] = []
        let configured = config.endpoints
        for name in registry.knownNames {
            let vendor = registry.vendors.first { $0.name == name }
            let examples = (vendor?.exampleModels ?? builtInExamples[name] ?? []).map { "\(name):\($0)" }
            if let entry = configured[name] {
                rows.append(listing(entry, config: config, environment: environment, resolver: resolver,
                                    examples: examples, circuit: circuit))
                continue
            }
            do {
                let endpoint = try resolver.endpoint(for: name)
                let credentials = endpoint.credential.source.map { "found (\($0))" } ?? "not needed"
                rows.append(ProviderListing(name: name, protocolName: endpoint.kind.rawValue, credentials: credentials,
                                            ready: true, endpoint: endpoint.baseURL, examples: examples,
                                            circuit: circuit(endpoint)))
            } catch {
                rows.append(ProviderListing(name: name, protocolName: vendor?.kind.rawValue ?? name,
                                            credentials: "missing: " + firstClause(of: error), ready: false,
                                            endpoint: vendor?.defaultBaseURL ?? "-", examples: examples))
            }
        }
        for entry in configured.values.sorted(by: { $0.name < $1.name }) where !registry.knownNames.contains(entry.name) {
            rows.append(listing(entry, config: config, environment: environment, resolver: resolver,
                                examples: [], circuit: circuit))
        }
        rows.append(ProviderListing(name: "offline", protocolName: "openai", credentials: "not needed", ready: true,
                                    endpoint: "http://127.0.0.1:<port>/v1 (in-process)",
                                    examples: ["offline:\(OfflineModel.modelName)"]))
        return rows
    }

    /// One `[endpoints.NAME]` table as a row. Its examples are the models the file names for it
    /// (aliases, `[models."NAME:…"]`), else `fallbackExamples`.
    static func listing(_ entry: EndpointConfig, config: LLMConfig, environment: [String: String],
                        resolver: EnvironmentResolver, examples fallbackExamples: [String],
                        circuit: (Endpoint) -> String?) -> ProviderListing {
        let prefix = entry.name + ":"
        let named = (Array(config.aliases.values) + Array(config.models.keys)).filter { $0.hasPrefix(prefix) }
        let examples = named.isEmpty ? fallbackExamples : Array(Set(named)).sorted()
        let section = "[endpoints.\(entry.name)] in the config file"
        do {
            var ranKeyCommand = false
            let endpoint = try entry.endpoint(environment: environment,
                                              runKeyCommand: { _ in ranKeyCommand = true; return "" },
                                              builtIn: { try resolver.endpoint(for: $0) })
            let credentials = ranKeyCommand ? "key_cmd (run when first used)"
                : endpoint.credential.source.map { "found (\($0))" } ?? "not needed"
            return ProviderListing(name: entry.name, protocolName: entry.kind.rawValue, credentials: credentials,
                                   ready: true, endpoint: endpoint.baseURL, examples: examples,
                                   circuit: circuit(endpoint), source: section)
        } catch {
            return ProviderListing(name: entry.name, protocolName: entry.kind.rawValue,
                                   credentials: "missing: " + firstClause(of: error), ready: false,
                                   endpoint: entry.baseURL ?? "-", examples: examples, source: section)
        }
    }

    /// The first clause of an error says what is missing; the rest is advice the table has no room for.
    static func firstClause(of error: any Error) -> String {
        let full = (error as? ConfigError)?.message ?? String(describing: error)
        return full.components(separatedBy: ": ").first ?? full
    }

    public static func execute(json: Bool, context: CommandContext, registry: ProviderRegistry,
                               resolver: EnvironmentResolver, config: LLMConfig = LLMConfig(),
                               breakers: [String: BreakerSnapshot] = [:]) -> ExitStatus {
        let rows = listings(registry: registry, resolver: resolver, config: config, environment: context.environment,
                            breakers: breakers)
        let redactor = context.redactor
        if json {
            let objects = rows.map { row -> [String: Any] in
                var object: [String: Any] = ["name": row.name, "protocol": row.protocolName, "ready": row.ready,
                                             "credentials": redactor.scrub(row.credentials),
                                             "endpoint": redactor.scrub(row.endpoint), "examples": row.examples]
                if let circuit = row.circuit { object["circuit"] = circuit }
                if let source = row.source { object["source"] = source }
                return object
            }
            let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .prettyPrinted])) ?? Data()
            context.console.out(String(decoding: data, as: UTF8.self) + "\n")
            return .success
        }
        let table = rows.map { row in
            [row.name, row.protocolName, row.ready ? "yes" : "no", redactor.scrub(row.endpoint),
             row.examples.first ?? "", redactor.scrub(row.credentials) + (row.circuit.map { "; circuit \($0)" } ?? "")]
        }
        context.console.out(TextTable.render(header: ["PROVIDER", "PROTOCOL", "READY", "ENDPOINT", "EXAMPLE", "CREDENTIALS"],
                                             rows: table))
        return .success
    }
}

/// Left-aligned columns separated by two spaces; the last column is not padded.
public enum TextTable {
    public static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
