/// An HTTP request described without doing any I/O: what a provider builds and the transport sends.
public struct HTTPRequestSpec: Sendable, Hashable {
    /// `GET`, `POST`, … as sent.
    public var method: String
    /// The absolute URL.
    public var url: String
    public var headers: HTTPHeaders
    /// The whole body, held in memory (prompts are small; replies stream the other way).
    public var body: [UInt8]

    /// A request; the method defaults to `POST`, which is what every provider sends.
    public init(method: String = "POST", url: String, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// Header values that must never be shown (keys, tokens, signatures).
    public var secretValues: [String] {
        headers.fields.compactMap { field in
            let name = field.name.lowercased()
            let secret = ["authorization", "api-key", "x-api-key", "x-goog-api-key", "x-amz-security-token"]
            return secret.contains(name) ? field.value : nil
        }
    }
}
