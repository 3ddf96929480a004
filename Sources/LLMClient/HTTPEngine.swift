import CurlTransport

/// The process's HTTP event loop and connection pool, as the layers above LLMClient see it: they hold
/// it in their context and never import the transport.
public final class HTTPEngine: Sendable {
    let curl: CurlEngine
    /// Per-transfer settings every request starts from (CA bundle from the environment, connect timeout).
    let transferOptions: TransferOptions

    /// An engine with its own pool; `environment` supplies `SSL_CERT_FILE` / `CURL_CA_BUNDLE`, and every
    /// request says it comes from `userAgent` (none when nil).
    public init(environment: [String: String] = [:], userAgent: String? = nil) {
        curl = CurlEngine()
        transferOptions = .fromEnvironment(environment, userAgent: userAgent)
    }

    /// Transfers currently running.
    public var activeTransfers: Int { curl.activeTransfers }

    /// Cancels what still runs and closes the pool; once, at the end of the process.
    public func shutdown() { curl.shutdown() }
}
