import Foundation
import LLMCore

/// Turns `--tool FILE.json|NAME` arguments and the config's `[tools.NAME]` tables into tool specs.
public enum ToolCatalog {
    /// The keys a tool definition file may hold.
    static let fileKeys = ["name", "description", "parameters", "command", "confirm", "timeout"]

    /// The tools to offer: each `--tool` argument (a JSON file with one definition or an array of
    /// them, or the name of a configured tool), then `modelTools` (the model's `tools = [...]`), each
    /// name once. Throws a `UsageError` or `ConfigError` naming what to fix.
    public static func resolve(_ arguments: [String], modelTools: [String], config: LLMConfig,
                               readFile: (String) throws -> Data = { try Data(contentsOf: URL(fileURLWithPath: $0)) }) throws -> [ToolSpec] {
        var specs: [ToolSpec] = []
        for argument in arguments {
            if looksLikePath(argument) {
                specs += try fromFile(argument, readFile: readFile)
            } else if let tool = config.tools[argument] {
                specs.append(try fromConfig(tool, config: config, readFile: readFile))
            } else {
                let known = config.tools.keys.sorted()
                let hint = known.isEmpty ? "define it in config.toml as [tools.\(argument)], or pass a JSON file"
                    : "configured tools: \(known.joined(separator: ", "))"
                throw UsageError("--tool \(argument): no such file and no [tools.\(argument)] in the config; \(hint)")
            }
        }
        for name in modelTools where !specs.contains(where: { $0.name == name }) {
            guard let tool = config.tools[name] else { continue }  // the config parser already reported it
            specs.append(try fromConfig(tool, config: config, readFile: readFile))
        }
        var seen: Set<String> = []
        for spec in specs where !seen.insert(spec.name).inserted {
            throw UsageError("the tool '\(spec.name)' is offered twice; give each tool once")
        }
        return specs
    }

    static func looksLikePath(_ argument: String) -> Bool {
        argument.contains("/") || argument.lowercased().hasSuffix(".json") || FileManager.default.fileExists(atPath: argument)
    }

    /// One definition or an array of them.
    static func fromFile(_ path: String, readFile: (String) throws -> Data) throws -> [ToolSpec] {
        let data: Data
        do { data = try readFile(path) } catch {
            throw UsageError("--tool \(path): cannot read the file (\(ErrorText.reason(error)))")
        }
        let json: JSONValue
        do { json = try JSONValue.parse(Array(data)) } catch {
            throw UsageError("--tool \(path): not valid JSON (\(error)); it must hold a tool definition or an array of them")
        }
        let items = json.array ?? [json]
        guard !items.isEmpty else { throw UsageError("--tool \(path): the array holds no tool definitions") }
        return try items.enumerated().map { index, item in
            let place = items.count > 1 ? "\(path)[\(index)]" : path
            return try definition(item, place: "--tool \(place)")
        }
    }

    /// A definition object: `name`, `description`, `parameters` (JSON Schema), optionally `command`,
    /// `confirm` and `timeout`. OpenAI's `{"type":"function","function":{…}}` wrapper is accepted too.
    static func definition(_ item: JSONValue, place: String) throws -> ToolSpec {
        var object = item
        if item["type"]?.string == "function", let inner = item["function"], inner.members != nil { object = inner }
        guard let members = object.members else {
            throw UsageError("\(place): a tool definition must be a JSON object with name, description and parameters")
        }
        for member in members where !fileKeys.contains(member.key) {
            throw UsageError("\(place): unknown key '\(member.key)' (a tool has \(fileKeys.joined(separator: ", ")))")
        }
        guard let name = object["name"]?.string, ToolName.isValid(name) else {
            throw UsageError("\(place): 'name' must be letters, digits, '_' or '-' (at most 64)")
        }
        if let description = object["description"], description.string == nil {
            throw UsageError("\(place): 'description' must be a string")
        }
        let parameters = object["parameters"]
        if let parameters, parameters.members == nil {
            throw UsageError("\(place): 'parameters' must be a JSON Schema object, e.g. {\"type\":\"object\",\"properties\":{}}")
        }
        var command: [String]?
        if let argv = object["command"] {
            guard let list = argv.array?.compactMap(\.string), list.count == argv.array?.count, let first = list.first, !first.isEmpty else {
                throw UsageError("\(place): 'command' must be an array of strings naming a program, e.g. [\"./weather.sh\"]")
            }
            command = list
        }
        if let confirm = object["confirm"], confirm.bool == nil { throw UsageError("\(place): 'confirm' must be true or false") }
        if let timeout = object["timeout"], (timeout.double ?? 0) <= 0 { throw UsageError("\(place): 'timeout' must be a positive number of seconds") }
        return ToolSpec(definition: ToolDefinition(name: name, description: object["description"]?.string, parameters: parameters),
                        command: command, confirm: object["confirm"]?.bool ?? true,
                        timeout: object["timeout"]?.double ?? ToolSpec.defaultTimeout)
    }

    /// A `[tools.NAME]` table; a parameters file is read relative to the config file's folder.
    static func fromConfig(_ tool: ToolConfig, config: LLMConfig, readFile: (String) throws -> Data) throws -> ToolSpec {
        var parameters: JSONValue?
        let place = "[tools.\(tool.name)]" + (config.path.map { " in \($0)" } ?? "")
        switch tool.parameters {
        case .inline(let schema): parameters = schema
        case .file(let file):
            let base = config.path.map { ($0 as NSString).deletingLastPathComponent } ?? "."
            let path = file.hasPrefix("/") ? file : (base as NSString).appendingPathComponent(file)
            do {
                parameters = try JSONValue.parse(Array(try readFile(path)))
            } catch let error as JSONParseError {
                throw ConfigError(message: "\(place): the parameters file \(path) is not valid JSON (\(error))")
            } catch {
                throw ConfigError(message: "\(place): cannot read the parameters file \(path) (\(ErrorText.reason(error)))")
            }
            guard parameters?.members != nil else {
                throw ConfigError(message: "\(place): the parameters file \(path) must hold a JSON Schema object")
            }
        case nil: parameters = nil
        }
        return ToolSpec(definition: ToolDefinition(name: tool.name, description: tool.description, parameters: parameters),
                        command: tool.command, confirm: tool.confirm, timeout: tool.timeout ?? ToolSpec.defaultTimeout)
    }
}

/// Short reasons for file errors ("No such file or directory").
enum ErrorText {
    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSCocoaErrorDomain, ns.code == NSFileReadNoSuchFileError { return "no such file" }
        return ns.localizedDescription
    }
}
