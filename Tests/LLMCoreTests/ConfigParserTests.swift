import HTTPMessage
import Testing
@testable import LLMCore

private let path = "/home/u/.config/llmctl/config.toml"

/// The message of the `ConfigError` parsing `text` throws (nil when it parses).
private func parseError(_ text: String) -> String? {
    do {
        _ = try ConfigParser.parse(text, path: path)
        return nil
    } catch let error as ConfigError {
        #expect(error.exitStatus == .config)
        return error.message
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}

@Suite struct ConfigParserTests {
    static let valid = """
    # comment
    default_model = "fast"
    fallback = ["anthropic:claude-sonnet-4-5", "openai:gpt-4o-mini"]

    [aliases]
    fast = "Groq:llama-3.1-8b-instant"

    [endpoints.work]
    kind = "openai"
    base_url = "https://gateway.example.com/v1/"
    key_cmd = "pass show work"
    headers = { "X-Team" = "platform", Authorization = "Bearer abcdefgh" }

    [endpoints.lan]
    kind = "Ollama"

    [endpoints.prod]
    kind = "azure"
    base_url = "https://r.openai.azure.com"
    api_key_env = "PROD_KEY"
    api_version = "2024-06-01"

    [models."OpenAI:gpt-4o"]
    temperature = 1
    max_tokens = 500
    system = \"\"\"
    Be brief.
    \"\"\"

    [repl]
    summary = false
    editor = "vi"
    history_size = 200

    [network]
    connect_timeout = 2.5
    retries = 3
    breaker_threshold = 0
    """

    @Test func parsesEverySection() throws {
        let config = try ConfigParser.parse(Self.valid, path: path)
        #expect(config.path == path)
        #expect(config.defaultModel == "fast")
        #expect(config.fallback == ["anthropic:claude-sonnet-4-5", "openai:gpt-4o-mini"])
        #expect(config.aliases == ["fast": "groq:llama-3.1-8b-instant"])
        let work = try #require(config.endpoints["work"])
        #expect(work.kind == .openAI)
        #expect(work.baseURL == "https://gateway.example.com/v1")
        #expect(work.key == .command("pass show work"))
        #expect(work.headers.map(\.name) == ["Authorization", "X-Team"])
        #expect(config.endpoints["lan"]?.kind == .ollama)
        #expect(config.endpoints["prod"]?.key == .environment("PROD_KEY"))
        #expect(config.endpoints["prod"]?.apiVersion == "2024-06-01")
        #expect(config.models["openai:gpt-4o"] == ModelDefaults(temperature: 1, maxTokens: 500, system: "Be brief.\n"))
        #expect(config.repl == REPLConfig(summary: false, editor: .vi, historySize: 200))
        #expect(config.network.connectTimeout == 2.5)
        #expect(config.network.retries == 3)
        #expect(config.network.resilience == ResilienceSettings(retries: 3, connectTimeout: 2.5, breakerThreshold: 0))
        #expect(!config.hasLiteralKey)
        #expect(config.literalSecrets == ["Bearer abcdefgh"])
    }

    @Test func emptyFileIsEmptyConfig() throws {
        #expect(try ConfigParser.parse("", path: path) == LLMConfig(path: path))
        #expect(try ConfigParser.parse("# only comments\n\n", path: path) == LLMConfig(path: path))
    }

    @Test func unknownTopLevelKeySuggestsTheRightOne() {
        let text = "# a\n\n[aliases]\nx = \"a:b\"\n\n\n"
        let message = parseError("\n\n\n\n\n\ndefualt_model = \"openai:gpt-4o\"\n" + text)
        #expect(message == "\(path):7: unknown key 'defualt_model' (did you mean 'default_model'?)")
    }

    @Test func unknownKeyInSectionNamesTheSection() {
        let message = parseError("[endpoints.work]\nkind = \"openai\"\nbse_url = \"https://x\"\n")
        #expect(message == "\(path):3: unknown key 'bse_url' in [endpoints.work] (did you mean 'base_url'?)")
        let far = parseError("[repl]\nprompt = true\n")
        #expect(far == "\(path):2: unknown key 'prompt' in [repl] (expected one of: summary, editor, history_size, save_history, color)")
        let section = parseError("x = 1\n[endpoint.work]\nkind = \"openai\"\n")
        #expect(section?.hasPrefix("\(path):1: unknown key 'x'") == true, "\(section ?? "nil")")
        #expect(section?.contains("(and 1 more problem after this one)") == true)
    }

    @Test func typeErrorsCarryTheirLine() {
        let message = parseError("[models.\"openai:gpt-4o\"]\nmax_tokens = 10\ntemperature = \"hot\"\n")
        #expect(message == "\(path):3: temperature must be a number between 0 and 2 (got the string \"hot\")")
        #expect(parseError("[models.\"openai:gpt-4o\"]\ntemperature = 3\n") == "\(path):2: temperature must be between 0 and 2 (got 3)")
        #expect(parseError("[models.\"openai:gpt-4o\"]\n\nmax_tokens = 1.5\n")?.hasPrefix("\(path):3: max_tokens must be a whole number") == true)
        #expect(parseError("default_model = 5\n") == "\(path):1: default_model must be a string in quotes (got the integer 5)")
        #expect(parseError("[repl]\nsummary = \"yes\"\n") == "\(path):2: summary must be true or false (got the string \"yes\")")
        #expect(parseError("[repl]\neditor = \"vim\"\n") == "\(path):2: editor must be \"emacs\" or \"vi\" (got \"vim\") (did you mean 'vi'?)")
        #expect(parseError("[network]\nretries = -1\n") == "\(path):2: retries must be from 0 to 20 (got -1)")
        #expect(parseError("\nfallback = \"openai:x\"\n")?.hasPrefix("\(path):2: fallback must be an array of strings") == true)
        #expect(parseError("repl = 3\n") == "\(path):1: repl must be a table ([repl]) (got the integer 3)")
    }

    @Test func syntaxErrorsHaveLineAndColumn() throws {
        let message = try #require(parseError("default_model = \"openai:x\"\n\nfallback = [\"a:b\",\n  oops]\n"))
        #expect(message.hasPrefix("\(path):4:"), "\(message)")
        #expect(message.contains("TOML syntax error"))
        let unquoted = try #require(parseError("[models.openai:gpt-4o]\ntemperature = 1\n"))
        #expect(unquoted.hasPrefix("\(path):1:"), "\(unquoted)")
        #expect(unquoted.contains("[models.\"openai:gpt-4o\"]"))
        let unclosed = try #require(parseError("a = \"x\n"))
        #expect(unclosed.hasPrefix("\(path):1:"))
    }

    @Test func modelReferencesAreChecked() {
        #expect(parseError("default_model = \"gpt4\"\n")?.contains("default_model must be provider:model") == true)
        #expect(parseError("[aliases]\nfast = \"nope\"\n") == "\(path):2: alias 'fast' must name provider:model, e.g. \"openai:gpt-4o-mini\" (got \"nope\")")
        #expect(parseError("fallback = [\"ok:model\", \"bad\"]\n")?.hasPrefix("\(path):1: each fallback entry") == true)
        #expect(parseError("[models.gpt4]\ntemperature = 1\n")?.hasPrefix("\(path):1: [models] entries are named provider:model") == true)
    }

    @Test func endpointsAreChecked() {
        #expect(parseError("[endpoints.w]\nbase_url = \"https://x\"\n") == "\(path):1: [endpoints.w] needs kind = \"…\", one of: openai, azure, anthropic, gemini, bedrock, ollama")
        #expect(parseError("[endpoints.w]\nkind = \"antropic\"\n") == "\(path):2: kind 'antropic' is not a provider protocol (did you mean 'anthropic'?)")
        #expect(parseError("[endpoints.w]\nkind = \"openai\"\nbase_url = \"ftp://x\"\n")?.hasPrefix("\(path):3: base_url must be an http(s) URL") == true)
        #expect(parseError("[endpoints.w]\nkind = \"azure\"\n") == "\(path):1: [endpoints.w] of kind azure needs base_url = \"https://RESOURCE.openai.azure.com\"")
        #expect(parseError("[endpoints.Work]\nkind = \"openai\"\n")?.contains("must be lowercase") == true)
        #expect(parseError("[endpoints.offline]\nkind = \"openai\"\n")?.contains("built-in offline model") == true)
        let two = parseError("[endpoints.w]\nkind = \"openai\"\napi_key_env = \"K\"\nkey_cmd = \"echo k\"\n")
        #expect(two == "\(path):4: [endpoints.w] sets api_key_env and key_cmd: keep only one way to get the key")
        let pasted = parseError("[endpoints.w]\nkind = \"openai\"\napi_key_env = \"sk-live-0123456789\"\n")
        #expect(pasted?.contains("sk-live-0123456789") == false)
        #expect(pasted?.contains("NAME of an environment variable") == true)
        #expect(parseError("[endpoints.w]\nkind = \"openai\"\nheaders = { \"Bad Header\" = \"v\" }\n") == "\(path):3: 'Bad Header' is not a valid HTTP header name")
        #expect(parseError("[endpoints.w]\nkind = \"openai\"\nheaders = { X = 1 }\n") == "\(path):3: X must be a string in quotes (got the integer 1)")
    }

    @Test func literalKeyIsAllowedAndFlagged() throws {
        let config = try ConfigParser.parse("[endpoints.w]\nkind = \"anthropic\"\napi_key = \"sk-ant-secret-1\"\n", path: path)
        #expect(config.endpoints["w"]?.key == .literal(Secret("sk-ant-secret-1")))
        #expect(config.hasLiteralKey)
        #expect(config.literalSecrets == ["sk-ant-secret-1"])
        #expect(ConfigWarnings.literalKey(config, path: path, mode: 0o644) == "config.toml holds a literal key and is readable by others: chmod 600 \(path)")
        #expect(ConfigWarnings.literalKey(config, path: path, mode: 0o640) != nil)
        #expect(ConfigWarnings.literalKey(config, path: path, mode: 0o600) == nil)
        #expect(ConfigWarnings.literalKey(LLMConfig.empty, path: path, mode: 0o644) == nil)
    }

    @Test func firstProblemByLineIsReported() {
        let message = parseError("[repl]\neditor = \"x\"\n[network]\nretries = 99\n")
        #expect(message?.hasPrefix("\(path):2: editor") == true)
        #expect(message?.hasSuffix("(and 1 more problem after this one)") == true)
    }

    @Test func templateParsesCommentedAndUncommented() throws {
        #expect(try ConfigParser.parse(ConfigTemplate.text, path: path) == LLMConfig(path: path))
        let uncommented = ConfigTemplate.text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("##") }
            .map { $0.hasPrefix("# ") ? String($0.dropFirst(2)) : String($0) }
            .joined(separator: "\n")
        let config = try ConfigParser.parse(uncommented, path: path)
        #expect(config.defaultModel == "openai:gpt-4o-mini")
        #expect(config.endpoints.count == 3)
        #expect(config.endpoints["work"]?.key == .command("pass show work/llm-gateway"))
        #expect(config.repl.editor == .emacs)
        #expect(config.network.totalTimeout == 0)
    }
}

@Suite struct ConfigPathTests {
    @Test func xdgThenHome() throws {
        #expect(try ConfigPaths.configFile(environment: ["XDG_CONFIG_HOME": "/x/", "HOME": "/h"]) == "/x/llmctl/config.toml")
        #expect(try ConfigPaths.configFile(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]) == "/h/.config/llmctl/config.toml")
        #expect(try ConfigPaths.configFile(environment: ["XDG_CONFIG_HOME": "", "HOME": "/h"]) == "/h/.config/llmctl/config.toml")
        #expect(throws: ConfigError.self) { try ConfigPaths.configFile(environment: [:]) }
        #expect(ConfigPaths.directory(of: "/a/b/c.toml") == "/a/b")
    }

    @Test func keyLinesFollowSectionsAndStrings() {
        let lines = TOMLKeyLines("""
        a = 1
        s = \"\"\"
        b = 2
        \"\"\"
        [t."q.k"]
        c = { d = 1, e = [1,
          2] }
        f = 'x' # g = 3
        [[arr]]
        h = 1
        """)
        #expect(lines.line(["a"]) == 1)
        #expect(lines.line(["s"]) == 2)
        #expect(lines.line(["b"]) == 1)  // inside the string: not a key, falls back to the default
        #expect(lines.line(["t", "q.k"]) == 5)
        #expect(lines.line(["t", "q.k", "c", "e"]) == 6)
        #expect(lines.line(["t", "q.k", "f"]) == 8)
        #expect(lines.line(["t", "q.k", "missing"]) == 5)
        #expect(lines.line(["arr", "h"]) == 10)
    }

    @Test func suggestions() {
        #expect(Suggestion.closest(to: "defualt_model", in: ConfigParser.topLevelKeys) == "default_model")
        #expect(Suggestion.closest(to: "endpoint", in: ConfigParser.topLevelKeys) == "endpoints")
        #expect(Suggestion.closest(to: "zzz", in: ConfigParser.topLevelKeys) == nil)
    }
}

/// `[tools.NAME]` tables and the per-model `tools` and `reasoning` keys.
struct ConfigToolsTests {
    @Test func toolsAndModelDefaultsParse() throws {
        let config = try ConfigParser.parse("""
            [tools.get_weather]
            description = "Weather for a city"
            command = ["/usr/local/bin/weather", "--json"]
            confirm = false
            timeout = 5
            parameters = { type = "object", properties = { city = { type = "string" } }, required = ["city"] }

            [tools.lookup]
            parameters = "schemas/lookup.json"

            [models."openai:gpt-4o"]
            tools = ["get_weather"]
            reasoning = "high"

            [models."anthropic:claude-sonnet-4-5"]
            reasoning = 2048
            """, path: "/tmp/c.toml")
        let weather = try #require(config.tools["get_weather"])
        #expect(weather.command == ["/usr/local/bin/weather", "--json"])
        #expect(weather.confirm == false)
        #expect(weather.timeout == 5)
        #expect(weather.parameters == .inline(try JSONValue.parse(#"{"properties":{"city":{"type":"string"}},"required":["city"],"type":"object"}"#)))
        #expect(config.tools["lookup"]?.parameters == .file("schemas/lookup.json"))
        #expect(config.models["openai:gpt-4o"]?.tools == ["get_weather"])
        #expect(config.models["openai:gpt-4o"]?.reasoning == .high)
        #expect(config.models["anthropic:claude-sonnet-4-5"]?.reasoning == .budget(2048))
    }

    @Test func badToolConfigSaysWhatToFix() {
        func problem(_ text: String) -> String {
            do { _ = try ConfigParser.parse(text, path: "c.toml"); return "" } catch { return "\(error)" }
        }
        #expect(problem("[tools.\"bad name\"]\ndescription = \"x\"").contains("tool names may use letters"))
        #expect(problem("[tools.t]\ncommand = []").contains("command must name a program"))
        #expect(problem("[tools.t]\nparameters = 3").contains("parameters must be an inline table"))
        #expect(problem("[tools.t]\nshell = \"x\"").contains("unknown key 'shell'"))
        #expect(problem("[models.\"openai:gpt-4o\"]\ntools = [\"nope\"]").contains("tools names 'nope', which has no [tools.nope] table"))
        #expect(problem("[models.\"openai:gpt-4o\"]\nreasoning = \"lots\"").contains("reasoning must be"))
    }
}
