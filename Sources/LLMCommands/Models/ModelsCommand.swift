import Foundation
import LLMClient
import LLMCore
import Terminal

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
    /// Lists the catalog's providers, the config file's endpoints, and the offline model, each resolved
    /// the way a request would resolve it: a config table named like a built-in provider replaces it,
    /// the environment's variables still win. Key commands are not run for a listing.
    public static func listings(resolver: EndpointResolver,
                                breakers: [String: BreakerSnapshot] = [:]) async -> [ProviderListing] {
        // A breaker belongs to a model at a name and base URL: a row shows those of the endpoint it resolved
        // to that are not quietly closed, one per model.
        func circuit(_ endpoint: Endpoint) -> String? {
            let mine = breakers.values.filter { $0.endpoint == endpoint.name && $0.baseURL == endpoint.baseURL }
                .filter { $0.phase != .closed || $0.consecutiveFailures > 0 }
                .sorted { $0.model < $1.model }
            return mine.isEmpty ? nil : mine.map { ($0.model.isEmpty ? "" : $0.model + " ") + $0.summary() }.joined(separator: "; ")
        }
        let config = resolver.config
        var rows: [ProviderListing] = []
        for name in resolver.catalog.names {
            let row = resolver.catalog.row(named: name)
            let examples = (row?.exampleModels ?? []).map { "\(name):\($0)" }
            if let entry = config.endpoints[name] {
                rows.append(await listing(entry, resolver: resolver, examples: examples, circuit: circuit))
                continue
            }
            do {
                let endpoint = try resolver.environment.endpoint(for: name)
                let credentials = endpoint.credential.source.map { "found (\($0))" } ?? "not needed"
                rows.append(ProviderListing(name: name, protocolName: endpoint.kind.rawValue, credentials: credentials,
                                            ready: true, endpoint: endpoint.baseURL, examples: examples,
                                            circuit: circuit(endpoint)))
            } catch {
                rows.append(ProviderListing(name: name, protocolName: row?.kind.rawValue ?? name,
                                            credentials: "missing: " + firstClause(of: error), ready: false,
                                            endpoint: row?.defaultBaseURL ?? "-", examples: examples))
            }
        }
        let known = Set(resolver.catalog.names)
        for entry in config.endpoints.values.sorted(by: { $0.name < $1.name }) where !known.contains(entry.name) {
            rows.append(await listing(entry, resolver: resolver, examples: [], circuit: circuit))
        }
        rows.append(ProviderListing(name: "offline", protocolName: "openai", credentials: "not needed", ready: true,
                                    endpoint: "http://127.0.0.1:<port>/v1 (in-process)",
                                    examples: ["offline:\(OfflineModel.modelName)"]))
        return rows
    }

    /// One `[endpoints.NAME]` table as a row. Its examples are the models the file names for it
    /// (aliases, `[models."NAME:…"]`), else `fallbackExamples`.
    static func listing(_ entry: EndpointConfig, resolver: EndpointResolver, examples fallbackExamples: [String],
                        circuit: (Endpoint) -> String?) async -> ProviderListing {
        let config = resolver.config
        let prefix = entry.name + ":"
        let named = (Array(config.aliases.values) + Array(config.models.keys)).filter { $0.hasPrefix(prefix) }
        let examples = named.isEmpty ? fallbackExamples : Array(Set(named)).sorted()
        let section = "[endpoints.\(entry.name)] in the config file"
        do {
            let endpoint = try await resolver.endpoint(forProvider: entry.name, keys: UnrunKeyCommands())
            let credentials = endpoint.credential.source?.hasPrefix("key_cmd") == true
                ? "key_cmd (run when first used)"
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

    /// Prints the listing as a table, or as a JSON array with `--json`.
    public static func execute(json: Bool, context: CommandContext) async -> ExitStatus {
        let rows = await listings(resolver: context.resolver, breakers: context.breakers.breakerStates())
        let redactor = context.redactor
        if json {
            let objects = rows.map { row -> JSONValue in
                var members = [JSONMember(key: "name", value: .string(row.name)),
                               JSONMember(key: "protocol", value: .string(row.protocolName)),
                               JSONMember(key: "ready", value: .bool(row.ready)),
                               JSONMember(key: "credentials", value: .string(redactor.scrub(row.credentials))),
                               JSONMember(key: "endpoint", value: .string(redactor.scrub(row.endpoint))),
                               JSONMember(key: "examples", value: .array(row.examples.map(JSONValue.string)))]
                if let circuit = row.circuit { members.append(JSONMember(key: "circuit", value: .string(circuit))) }
                if let source = row.source { members.append(JSONMember(key: "source", value: .string(source))) }
                return .object(members)
            }
            context.console.out(JSONValue.array(objects).jsonText() + "\n")
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
