/// The pieces of a URL string that messages and host checks need, cut without Foundation's `URL`
/// (which would re-encode, and is not what libcurl parses anyway).
public enum URLParts {
    /// The `host[:port]` part of a URL as written, for messages: never the user info, path or query,
    /// which may hold a key.
    public static func authority(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        return String(authority)
    }

    /// The lowercased host of a URL, without user info or port; an IPv6 literal without its brackets.
    public static func host(of url: String) -> String {
        let hostPort = Substring(authority(of: url))
        if hostPort.hasPrefix("[") { return String(hostPort.prefix { $0 != "]" }.dropFirst()).lowercased() }
        return String(hostPort.prefix { $0 != ":" }).lowercased()
    }
}
