internal import CCurl
import HTTPMessage

/// libcurl calls these with the transfer's retained context as userdata; they capture nothing.
private let writeCallback: llmctl_curl_data_callback = { data, size, count, userdata in
    guard let userdata else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
    let length = size * count
    let bytes = UnsafeRawBufferPointer(start: data, count: length)
    return transfer.receive(bytes) ? length : llmctl_writefunc_pause()
}

private let headerCallback: llmctl_curl_data_callback = { data, size, count, userdata in
    guard let userdata else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
    let length = size * count
    transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: length))
    return length
}

extension CurlEasy {
    /// Applies the request and options to the handle; returns the header list the transfer must own
    /// until it is removed.
    func configure(for transfer: Transfer, context: UnsafeMutableRawPointer) throws(CurlSetupError)
        -> UnsafeMutablePointer<curl_slist>? {
        let request = transfer.request
        let options = transfer.options
        try set(CURLOPT_URL, request.url)
        try set(CURLOPT_NOSIGNAL, true)
        try set(CURLOPT_PRIVATE, pointer: context)
        try set(CURLOPT_WRITEDATA, pointer: context)
        try set(CURLOPT_HEADERDATA, pointer: context)
        try check(llmctl_easy_setopt_write_function(handle, writeCallback))
        try check(llmctl_easy_setopt_header_function(handle, headerCallback))
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(transfer.errorBuffer))
        if let userAgent = options.userAgent { try set(CURLOPT_USERAGENT, userAgent) }
        // Redirects are not followed: a redirect to another origin must not carry the API key along.
        try set(CURLOPT_FOLLOWLOCATION, false)
        try set(CURLOPT_BUFFERSIZE, options.receiveBufferSize)
        try set(CURLOPT_TCP_KEEPALIVE, true)
        try set(CURLOPT_TCP_KEEPIDLE, 60)
        try set(CURLOPT_TCP_KEEPINTVL, 60)
        // Wait for a possibly multiplexing connection rather than opening a second one to the same host.
        // Only where multiplexing is possible: on cleartext HTTP/1.1 it would serialise same-host requests.
        if request.url.lowercased().hasPrefix("https:") || options.httpVersion == .http2PriorKnowledge {
            try set(CURLOPT_PIPEWAIT, true)
        }
        if let timeout = options.connectTimeout {
            try set(CURLOPT_CONNECTTIMEOUT_MS, Int(timeout.components.seconds * 1000
                + timeout.components.attoseconds / 1_000_000_000_000_000))
        }
        switch options.httpVersion {
        case .automatic: try set(CURLOPT_HTTP_VERSION, llmctl_http_version_2tls())
        case .http1_1: try set(CURLOPT_HTTP_VERSION, llmctl_http_version_1_1())
        case .http2PriorKnowledge: try set(CURLOPT_HTTP_VERSION, llmctl_http_version_2_prior_knowledge())
        }
        try set(CURLOPT_SSL_VERIFYPEER, options.verifyTLS)
        try set(CURLOPT_SSL_VERIFYHOST, options.verifyTLS ? 2 : 0)
        if let bundle = options.caBundlePath { try set(CURLOPT_CAINFO, bundle) }

        switch request.method.uppercased() {
        case "GET":
            try set(CURLOPT_HTTPGET, true)
        case "POST":
            try set(CURLOPT_POST, true)
        default:
            try set(CURLOPT_CUSTOMREQUEST, request.method)
        }
        if request.method.uppercased() != "GET" {
            try set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(request.body.count))
            // COPYPOSTFIELDS copies the bytes, so the body's lifetime ends with this call.
            var body = request.body
            if body.isEmpty { body = [0] }  // a valid pointer; the size set above is still 0
            let code = body.withUnsafeMutableBytes { raw in
                llmctl_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, raw.baseAddress)
            }
            try check(code)
        }

        var list: UnsafeMutablePointer<curl_slist>?
        for header in request.headers {
            list = curl_slist_append(list, "\(header.name): \(header.value)")
        }
        // No `Expect: 100-continue` round trip for large prompts.
        list = curl_slist_append(list, "Expect:")
        do {
            try set(CURLOPT_HTTPHEADER, list: list)
        } catch {
            curl_slist_free_all(list)
            throw error
        }
        return list
    }

    private func check(_ code: CURLcode) throws(CurlSetupError) {
        guard code == CURLE_OK else {
            throw CurlSetupError(message: "libcurl rejected a callback: \(String(cString: curl_easy_strerror(code)))")
        }
    }
}
