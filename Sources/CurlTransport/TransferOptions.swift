/// Which HTTP version to ask libcurl for.
public enum HTTPVersionPreference: Sendable, Hashable {
    /// HTTP/2 over TLS when the server offers it (ALPN), HTTP/1.1 otherwise.
    case automatic
    /// HTTP/1.1 only.
    case http1_1
    /// HTTP/2 without upgrade over cleartext (h2c), for servers known to speak it.
    case http2PriorKnowledge
}

/// Per-transfer settings that are not part of the request itself.
public struct TransferOptions: Sendable, Hashable {
    /// Limit for DNS + TCP + TLS; nil keeps libcurl's default (300 s).
    public var connectTimeout: Duration?
    /// TLS peer and host verification. Only an explicit user choice turns it off.
    public var verifyTLS: Bool
    /// A CA bundle file (from `SSL_CERT_FILE` / `CURL_CA_BUNDLE`); nil uses the system default.
    public var caBundlePath: String?
    /// Which HTTP version to ask for.
    public var httpVersion: HTTPVersionPreference
    /// How many response bytes may wait for the consumer before the transfer is paused.
    public var bufferLimit: Int
    /// libcurl's receive buffer, allocated per running transfer (`CURLOPT_BUFFERSIZE`, default 16 KiB).
    /// Streamed replies arrive as small events, so a smaller buffer costs nothing there and keeps a
    /// thousand concurrent streams small; a large body just arrives in more callbacks.
    public var receiveBufferSize: Int
    /// The `User-Agent` to send, chosen by the caller (the executable sends `llmctl/<version>`);
    /// nil sends none, as libcurl does by default.
    public var userAgent: String?

    /// Options with the given settings; the defaults suit a chat request.
    public init(connectTimeout: Duration? = .seconds(10), verifyTLS: Bool = true, caBundlePath: String? = nil,
                httpVersion: HTTPVersionPreference = .automatic, bufferLimit: Int = 256 * 1024,
                receiveBufferSize: Int = 8 * 1024, userAgent: String? = nil) {
        self.receiveBufferSize = min(max(receiveBufferSize, 1024), 10 * 1024 * 1024)
        self.userAgent = userAgent
        self.connectTimeout = connectTimeout
        self.verifyTLS = verifyTLS
        self.caBundlePath = caBundlePath
        self.httpVersion = httpVersion
        self.bufferLimit = bufferLimit
    }

    /// Options with the CA bundle taken from `SSL_CERT_FILE`, then `CURL_CA_BUNDLE`, as the curl tool does.
    public static func fromEnvironment(_ env: [String: String], userAgent: String? = nil) -> TransferOptions {
        var options = TransferOptions(userAgent: userAgent)
        if let path = env["SSL_CERT_FILE"], !path.isEmpty {
            options.caBundlePath = path
        } else if let path = env["CURL_CA_BUNDLE"], !path.isEmpty {
            options.caBundlePath = path
        }
        return options
    }
}
