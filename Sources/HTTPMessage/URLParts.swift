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

    /// Why `text` cannot be a base URL, or nil when it can: an http(s) URL with a host, no spaces, and a
    /// port (when given) from 1 to 65535. Checked before anything is sent, so a bad URL is a
    /// configuration error, not a network error later.
    public static func baseURLProblem(_ text: String) -> String? {
        let lowered = text.lowercased()
        guard let scheme = ["https://", "http://"].first(where: { lowered.hasPrefix($0) }) else {
            return "it is not an http(s) URL"
        }
        guard !text.contains(where: \.isWhitespace) else { return "it contains spaces" }
        let hostPort = authority(of: text)
        guard !host(of: text).isEmpty, text.count > scheme.count else { return "it has no host" }
        let afterHost = hostPort.hasPrefix("[") ? hostPort.drop { $0 != "]" }.dropFirst() : hostPort.drop { $0 != ":" }
        if afterHost.hasPrefix(":") {
            let port = afterHost.dropFirst()
            guard !port.isEmpty, port.allSatisfy(\.isASCII), port.allSatisfy(\.isNumber),
                  let number = Int(port), (1...65535).contains(number) else {
                return "its port '\(port)' is not a number from 1 to 65535"
            }
        }
        return nil
    }

    /// `text` without trailing slashes (base URLs are joined with paths that start with one).
    public static func trimmingTrailingSlashes(_ text: String) -> String {
        var url = text
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
