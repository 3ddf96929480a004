import HTTPMessage
extension ConfigReader {
    /// The keys an `[endpoints.NAME]` table may hold.
    static let endpointKeys = ["kind", "base_url", "api_key_env", "key_cmd", "api_key", "api_version", "headers"]

    /// `[endpoints.NAME]` tables.
    mutating func endpoints(_ root: [String: TOMLNode]) -> [String: EndpointConfig] {
        guard let table = table(root["endpoints"], at: ["endpoints"]) else { return [:] }
        var out: [String: EndpointConfig] = [:]
        for name in table.keys {
            if let endpoint = endpoint(name, table[name]) { out[name] = endpoint }
        }
        return out
    }

    private mutating func endpoint(_ name: String, _ node: TOMLNode?) -> EndpointConfig? {
        let path = ["endpoints", name]
        guard let fields = table(node, at: path) else { return nil }
        guard Self.isValidEndpointName(name) else {
            fail(path, "endpoint name '\(name)' must be lowercase letters, digits, '-', '_' or '.' (it is typed before the colon in -m \(name.lowercased()):model)")
            return nil
        }
        guard name != "offline" else {
            fail(path, "'offline' is the built-in offline model; give this endpoint another name")
            return nil
        }
        allowOnly(fields, at: path, keys: Self.endpointKeys)
        let kinds = ProviderKind.allCases.map(\.rawValue)
        var kind: ProviderKind?
        if let text = string(fields, "kind", at: path) {
            kind = ProviderKind(rawValue: text.lowercased())
            if kind == nil {
                fail(path + ["kind"], "kind '\(text)' is not a provider protocol\(Suggestion.hint(for: text, in: kinds))")
            }
        } else if fields["kind"] == nil {
            fail(path, "\(Self.sectionName(path)) needs kind = \"…\", one of: \(kinds.joined(separator: ", "))")
        }
        let baseURL = string(fields, "base_url", at: path).flatMap { checkedURL($0, at: path + ["base_url"]) }
        let key = keySource(fields, at: path)
        let apiVersion = string(fields, "api_version", at: path)
        let headers = headers(fields, at: path)
        guard let kind else { return nil }
        if kind == .azureOpenAI, baseURL == nil, fields["base_url"] == nil {
            fail(path, "\(Self.sectionName(path)) of kind azure needs base_url = \"https://RESOURCE.openai.azure.com\"")
        }
        return EndpointConfig(name: name, kind: kind, baseURL: baseURL, key: key, apiVersion: apiVersion,
                              headers: headers, line: line(path))
    }

    /// At most one of `api_key_env`, `key_cmd`, `api_key`.
    private mutating func keySource(_ fields: [String: TOMLNode], at path: [String]) -> KeySource? {
        var sources: [(key: String, source: KeySource)] = []
        if let variable = string(fields, "api_key_env", at: path) {
            if Self.isVariableName(variable) {
                sources.append(("api_key_env", .environment(variable)))
            } else {
                fail(path + ["api_key_env"], "api_key_env must be the NAME of an environment variable, e.g. \"WORK_API_KEY\" (got \"\(Self.masked(variable))\"); to run a command use key_cmd")
            }
        }
        if let command = string(fields, "key_cmd", at: path) { sources.append(("key_cmd", .command(command))) }
        if let literal = string(fields, "api_key", at: path) { sources.append(("api_key", .literal(Secret(literal)))) }
        if sources.count > 1 {
            let ordered = sources.sorted { line(path + [$0.key]) < line(path + [$1.key]) }
            let names = ordered.map(\.key).joined(separator: " and ")
            fail(path + [ordered[1].key], "\(Self.sectionName(path)) sets \(names): keep only one way to get the key")
        }
        return sources.first?.source
    }

    private mutating func headers(_ fields: [String: TOMLNode], at path: [String]) -> [HTTPHeaders.Field] {
        guard let table = table(fields["headers"], at: path + ["headers"]) else { return [] }
        var out: [HTTPHeaders.Field] = []
        for name in table.keys.sorted() {
            guard let value = string(table, name, at: path + ["headers"], nonEmpty: false) else { continue }
            if !Self.isHeaderName(name) {
                fail(path + ["headers", name], "'\(name)' is not a valid HTTP header name")
            } else if value.contains(where: { $0 == "\r" || $0 == "\n" }) {
                fail(path + ["headers", name], "the value of header '\(name)' must be one line")
            } else {
                out.append(HTTPHeaders.Field(name: name, value: value))
            }
        }
        return out
    }

    /// An http(s) URL with a host, without trailing slashes.
    private mutating func checkedURL(_ text: String, at path: [String]) -> String? {
        if let problem = URLParts.baseURLProblem(text) {
            fail(path, "base_url must be an http(s) URL such as \"https://host/v1\" (got \"\(text)\": \(problem))")
            return nil
        }
        return URLParts.trimmingTrailingSlashes(text)
    }

    static func isValidEndpointName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) || ("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    static func isHeaderName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "!#$%&'*+-.^_`|~".unicodeScalars.contains($0)
        }
    }

    /// Someone may paste the key itself where its variable's name belongs: never echo it whole.
    static func masked(_ text: String) -> String {
        text.count <= 8 ? text : String(text.prefix(4)) + "…"
    }
}
