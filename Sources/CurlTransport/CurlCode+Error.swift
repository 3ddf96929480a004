internal import CCurl
import Foundation

extension TransportError {
    /// Maps a libcurl result to a transport error whose message names the host and says what to check.
    static func from(code: CURLcode, detail: String, url: String) -> TransportError {
        let host = Self.host(of: url)
        let reason = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        let raw = Int(code.rawValue)
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .init(kind: .resolve, message: "cannot resolve \(host): \(reason); check the base URL and your network", curlCode: raw)
        case CURLE_COULDNT_CONNECT:
            return .init(kind: .connect, message: "cannot connect to \(host): \(reason); is the server running and the base URL right?", curlCode: raw)
        case CURLE_OPERATION_TIMEDOUT:
            return .init(kind: .timeout, message: "timed out talking to \(host): \(reason)", curlCode: raw)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR:
            return .init(kind: .tls, message: "TLS failed with \(host): \(reason); set SSL_CERT_FILE to a CA bundle that trusts it", curlCode: raw)
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE,
             CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return .init(kind: .connectionLost, message: "connection to \(host) lost: \(reason)", curlCode: raw)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return .init(kind: .invalidRequest, message: "bad URL '\(url)': \(reason); check the base URL", curlCode: raw)
        default:
            return .init(kind: .other, message: "request to \(host) failed: \(reason)", curlCode: raw)
        }
    }

    /// The `host[:port]` part of a URL, for messages (never the path or query, which may hold a key).
    static func host(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<end]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        return String(authority)
    }
}
