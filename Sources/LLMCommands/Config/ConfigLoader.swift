import Foundation
import LLMCore
import Terminal
import LLMClient

/// The config file as found on disk: its validated contents and any warnings to print.
public struct LoadedConfig: Sendable {
    public var config: LLMConfig
    /// Where the file is (or would be); empty when neither XDG_CONFIG_HOME nor HOME is usable.
    public var path: String
    public var exists: Bool
    /// One line each, for stderr (e.g. a literal key in a file others can read).
    public var warnings: [String]

    public init(config: LLMConfig, path: String, exists: Bool, warnings: [String] = []) {
        self.config = config
        self.path = path
        self.exists = exists
        self.warnings = warnings
    }
}

/// Reads and validates the config file. A missing file is an empty configuration; an unreadable or
/// invalid one is a `ConfigError` (exit 3), never a silent fallback to defaults.
public enum ConfigLoader {
    public static func load(environment: [String: String]) throws -> LoadedConfig {
        guard let path = try? ConfigPaths.configFile(environment: environment) else {
            return LoadedConfig(config: .empty, path: "", exists: false)
        }
        return try load(path: path)
    }

    public static func load(path: String) throws -> LoadedConfig {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return LoadedConfig(config: .empty, path: path, exists: false)
        }
        guard !isDirectory.boolValue else {
            throw ConfigError(message: "\(path) is a directory; the config file must be a TOML file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(message: "cannot read \(path): check its permissions (chmod 600 \(path))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(message: "\(path) is not UTF-8 text; TOML files must be UTF-8")
        }
        let config = try ConfigParser.parse(text, path: path)
        var warnings: [String] = []
        if let mode = permissions(of: path), let warning = ConfigWarnings.literalKey(config, path: path, mode: mode) {
            warnings.append(warning)
        }
        return LoadedConfig(config: config, path: path, exists: true, warnings: warnings)
    }

    /// The file's permission bits, or nil when they cannot be read.
    static func permissions(of path: String) -> UInt32? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.posixPermissions] as? NSNumber).map { $0.uint32Value }
    }
}
