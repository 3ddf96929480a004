import HTTPMessage
/// `llmctl config show`: the configuration in effect, as TOML, with every secret redacted.
///
/// Literal keys and credential-like header values print as `<redacted>`; `key_cmd` prints as written
/// and is not run. Comments say where the environment overrides the file.
public enum ConfigRenderer {
    public static func render(_ config: LLMConfig, path: String, fileExists: Bool, environment: [String: String]) -> String {
        var out: [String] = []
        out.append(fileExists ? "# file: \(path)" : "# no config file at \(path) (llmctl config init writes an example)")
        out.append("# precedence: flags > environment > this file > built-in defaults")
        out.append("")
        let envModel = EndpointConfig.nonEmpty(environment["LLMCTL_MODEL"])
        if let model = config.defaultModel {
            out.append("default_model = \(TOMLText.quoted(model))" + (envModel.map { "  # overridden by LLMCTL_MODEL=\($0)" } ?? ""))
        } else if let envModel {
            out.append("# default_model is not set; LLMCTL_MODEL=\(envModel) chooses the model")
        } else {
            out.append("# default_model is not set: the first provider with credentials in the environment, else offline:mock-1")
        }
        if !config.fallback.isEmpty { out.append("fallback = \(TOMLText.array(config.fallback))") }
        if !config.aliases.isEmpty {
            out += ["", "[aliases]"]
            for name in config.aliases.keys.sorted() {
                out.append("\(ConfigReader.quotedKey(name)) = \(TOMLText.quoted(config.aliases[name] ?? ""))")
            }
        }
        for name in config.endpoints.keys.sorted() {
            if let endpoint = config.endpoints[name] { out += [""] + lines(endpoint, environment: environment) }
        }
        for model in config.models.keys.sorted() {
            guard let defaults = config.models[model] else { continue }
            out += ["", "[models.\(TOMLText.quoted(model))]"]
            if let t = defaults.temperature { out.append("temperature = \(TOMLText.number(t))") }
            if let n = defaults.maxTokens { out.append("max_tokens = \(n)") }
            if let s = defaults.system { out.append("system = \(TOMLText.quoted(s))") }
        }
        let repl = config.repl
        let replLines = [repl.summary.map { "summary = \($0)" }, repl.editor.map { "editor = \(TOMLText.quoted($0.rawValue))" },
                         repl.historySize.map { "history_size = \($0)" }, repl.saveHistory.map { "save_history = \($0)" },
                         repl.color.map { "color = \($0)" }].compactMap { $0 }
        if !replLines.isEmpty { out += ["", "[repl]"] + replLines }
        let net = config.network
        let netLines = [net.connectTimeout.map { "connect_timeout = \(TOMLText.number($0))" },
                        net.firstTokenTimeout.map { "first_token_timeout = \(TOMLText.number($0))" },
                        net.idleTimeout.map { "idle_timeout = \(TOMLText.number($0))" },
                        net.totalTimeout.map { "timeout = \(TOMLText.number($0))" },
                        net.retries.map { "retries = \($0)" },
                        net.maxConnections.map { "max_connections = \($0)" },
                        net.maxHostConnections.map { "max_host_connections = \($0)" },
                        net.maxRetryWait.map { "max_retry_wait = \(TOMLText.number($0))" },
                        net.breakerThreshold.map { "breaker_threshold = \($0)" },
                        net.breakerCooldown.map { "breaker_cooldown = \(TOMLText.number($0))" }].compactMap { $0 }
        if !netLines.isEmpty { out += ["", "[network]"] + netLines }
        return out.joined(separator: "\n") + "\n"
    }

    static func lines(_ endpoint: EndpointConfig, environment: [String: String]) -> [String] {
        let row = endpoint.builtInRow()
        let resolver = EnvironmentResolver(environment: environment)
        let setBase = row.flatMap { resolver.firstSet($0.baseURLVariables)?.variable }
        let setKey = row.flatMap { resolver.firstSet($0.keyVariables + $0.tokenVariables)?.variable }
        var out = ["[endpoints.\(ConfigReader.quotedKey(endpoint.name))]", "kind = \(TOMLText.quoted(endpoint.kind.rawValue))"]
        if let base = endpoint.baseURL {
            out.append("base_url = \(TOMLText.quoted(base))" + (setBase.map { "  # overridden by \($0)" } ?? ""))
        } else if let setBase {
            out.append("# base_url from \(setBase)")
        }
        let keyNote = setKey.map { "  # overridden by \($0)" } ?? ""
        switch endpoint.key {
        case .environment(let variable):
            let state = EndpointConfig.nonEmpty(environment[variable]) == nil ? "  # not set in the environment" : ""
            out.append("api_key_env = \(TOMLText.quoted(variable))" + (keyNote.isEmpty ? state : keyNote))
        case .command(let command): out.append("key_cmd = \(TOMLText.quoted(command))" + keyNote)
        case .literal: out.append("api_key = \"<redacted>\"" + keyNote)
        case nil: if let setKey { out.append("# key from \(setKey)") }
        }
        if let version = endpoint.apiVersion { out.append("api_version = \(TOMLText.quoted(version))") }
        if !endpoint.headers.isEmpty {
            let pairs = endpoint.headers.map { field in
                let value = EndpointConfig.isSensitiveHeader(field.name) ? "<redacted>" : field.value
                return "\(ConfigReader.quotedKey(field.name)) = \(TOMLText.quoted(value))"
            }
            out.append("headers = { \(pairs.joined(separator: ", ")) }")
        }
        return out
    }
}
