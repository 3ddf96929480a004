internal import CCurl

/// libcurl failures a test can force, to reach the engine's error paths without a broken libcurl.
/// Never set outside tests.
struct EngineFaults: Sendable {
    /// `curl_multi_add_handle` reports out of memory instead of being called.
    var addHandleFails = false
    /// Every `curl_multi_setopt` reports an unknown option instead of being called.
    var multiSetoptFails = false
    /// The connection cache size (CURLMOPT_MAXCONNECTS); tests make it tiny so that eviction happens.
    var connectionCacheSize = 256
}

extension CurlEngine {
    /// libcurl's process-wide initialisation, done once before the first multi handle.
    private static let globalInit: CURLcode = curl_global_init(llmctl_global_default())

    /// The multi handle with the pool's settings, or why there is none. A failure is not a trap:
    /// the engine keeps the error and every transfer fails with it, so the user reads why.
    static func makeMulti(maxHostConnections: Int, faults: EngineFaults)
        -> Result<UnsafeMutableRawPointer, TransportError> {
        guard globalInit == CURLE_OK else {
            return .failure(setupFailure("curl_global_init failed: \(String(cString: curl_easy_strerror(globalInit)))"))
        }
        guard let multi = curl_multi_init() else {
            return .failure(setupFailure("curl_multi_init failed (out of memory)"))
        }
        var settings: [(name: String, option: CURLMoption, value: Int)] = [
            ("CURLMOPT_PIPELINING", CURLMOPT_PIPELINING, llmctl_pipe_multiplex()),
            // libcurl's default keeps only 4 x (transfers running) idle connections, so a dip in
            // concurrency closes pooled connections that are reopened a moment later.
            ("CURLMOPT_MAXCONNECTS", CURLMOPT_MAXCONNECTS, faults.connectionCacheSize),
        ]
        if maxHostConnections > 0 {
            settings.append(("CURLMOPT_MAX_HOST_CONNECTIONS", CURLMOPT_MAX_HOST_CONNECTIONS, maxHostConnections))
        }
        for setting in settings {
            let code = faults.multiSetoptFails
                ? CURLM_UNKNOWN_OPTION : llmctl_multi_setopt_long(multi, setting.option, setting.value)
            guard code == CURLM_OK else {
                curl_multi_cleanup(multi)
                return .failure(setupFailure("libcurl rejected \(setting.name): \(String(cString: curl_multi_strerror(code)))"))
            }
        }
        return .success(multi)
    }

    private static func setupFailure(_ detail: String) -> TransportError {
        TransportError(kind: .other, message: "the HTTP engine could not start: \(detail)")
    }
}
