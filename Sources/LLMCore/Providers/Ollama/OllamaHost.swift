import Foundation

/// Ollama's `OLLAMA_HOST`, read as the Ollama CLI reads it.
public enum OllamaHost {
    /// `OLLAMA_HOST` as a base URL, following ollama's `envconfig.Host`: the scheme defaults to http and
    /// then the port to 11434 (`0.0.0.0:11434`, `myhost`, `[::1]:8080`); with an explicit scheme the
    /// scheme's own default port applies (`https://ollama.example.com`). A path is kept.
    public static func baseURL(_ raw: String) -> String {
        var text = Substring(raw.trimmingCharacters(in: .whitespaces))
        // ollama strips quotes people put around the value in service files.
        while let first = text.first, first == "\"" || first == "'" { text = text.dropFirst() }
        while let last = text.last, last == "\"" || last == "'" { text = text.dropLast() }
        var scheme = "http"
        var defaultPort: String? = "11434"
        if let separator = text.range(of: "://") {
            scheme = text[..<separator.lowerBound].lowercased()
            text = text[separator.upperBound...]
            defaultPort = nil
        }
        let slash = text.firstIndex(of: "/") ?? text.endIndex
        let hostPort = text[..<slash]
        var path = String(text[slash...])
        while path.hasSuffix("/") { path.removeLast() }

        var host = hostPort
        var port: Substring?
        if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") {
            host = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") { port = after.dropFirst() }
        } else if hostPort.filter({ $0 == ":" }).count == 1, let colon = hostPort.firstIndex(of: ":") {
            host = hostPort[..<colon]
            port = hostPort[hostPort.index(after: colon)...]
        }
        if let candidate = port, !(candidate.allSatisfy(\.isASCII) && Int(candidate).map({ (0...65535).contains($0) }) == true) {
            port = nil
        }
        let hostText = host.isEmpty ? "localhost" : host.contains(":") ? "[\(host)]" : String(host)
        let portText = (port.map(String.init) ?? defaultPort).map { ":" + $0 } ?? ""
        return "\(scheme)://\(hostText)\(portText)\(path)"
    }
}
