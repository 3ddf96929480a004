import HTTPMessage
internal import CCurl
import Foundation

extension TransportError {
    /// Maps a libcurl result to a transport error whose message names the host and says what to check.
    static func from(code: CURLcode, detail: String, url: String) -> TransportError {
        let host = URLParts.authority(of: url)
        let reason = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .init(kind: .resolve, message: "cannot resolve \(host): \(reason); check the base URL and your network")
        case CURLE_COULDNT_CONNECT:
            return .init(kind: .connect, message: "cannot connect to \(host): \(reason); is the server running and the base URL right?")
        case CURLE_OPERATION_TIMEDOUT:
            return .init(kind: .timeout, message: "timed out talking to \(host): \(reason)")
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR:
            return .init(kind: .tls, message: "TLS failed with \(host): \(reason); set SSL_CERT_FILE to a CA bundle that trusts it")
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE,
             CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return .init(kind: .connectionLost, message: "connection to \(host) lost: \(reason)")
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return .init(kind: .invalidRequest, message: "bad URL '\(url)': \(reason); check the base URL")
        default:
            return .init(kind: .other, message: "request to \(host) failed: \(reason)")
        }
    }
}

extension Transfer {
    /// The transport error for a libcurl result of this transfer, with libcurl's detail when it gave one.
    func error(for code: CURLcode) -> TransportError {
        TransportError.from(code: code, detail: String(cString: errorBuffer), url: request.url)
    }
}
