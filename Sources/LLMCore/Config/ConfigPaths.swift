/// Where llmctl's config file lives, worked out from an injected environment (never the process's own).
public enum ConfigPaths {
    /// `$XDG_CONFIG_HOME/llmctl/config.toml`, else `$HOME/.config/llmctl/config.toml`.
    ///
    /// A relative `XDG_CONFIG_HOME` is ignored, as the XDG base-directory spec requires.
    public static func configFile(environment: [String: String]) throws -> String {
        if let xdg = absolute(environment["XDG_CONFIG_HOME"]) {
            return join(xdg, "llmctl/config.toml")
        }
        if let home = absolute(environment["HOME"]) {
            return join(home, ".config/llmctl/config.toml")
        }
        throw ConfigError(message: "cannot locate the config file: neither XDG_CONFIG_HOME nor HOME is set to an absolute path")
    }

    /// The directory part of a path (`/a/b/c.toml` → `/a/b`).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func absolute(_ value: String?) -> String? {
        guard let value, value.hasPrefix("/") else { return nil }
        return value
    }

    private static func join(_ base: String, _ rest: String) -> String {
        var base = base
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }
        return base == "/" ? "/" + rest : base + "/" + rest
    }
}
