internal import CCurl

/// A libcurl easy handle with typed option setters. Used only on the engine thread.
struct CurlEasy {
    let handle: UnsafeMutableRawPointer

    init?() {
        guard let handle = curl_easy_init() else { return nil }
        self.handle = handle
    }

    func set(_ option: CURLoption, _ value: Int) throws(CurlSetupError) {
        try check(llmctl_easy_setopt_long(handle, option, value), option)
    }

    func set(_ option: CURLoption, _ value: Bool) throws(CurlSetupError) {
        try set(option, value ? 1 : 0)
    }

    func set(_ option: CURLoption, offset value: Int64) throws(CurlSetupError) {
        try check(llmctl_easy_setopt_off_t(handle, option, curl_off_t(value)), option)
    }

    /// libcurl copies string options (since 7.17), so the Swift string need not outlive the call.
    func set(_ option: CURLoption, _ value: String) throws(CurlSetupError) {
        try check(value.withCString { llmctl_easy_setopt_string(handle, option, $0) }, option)
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(CurlSetupError) {
        try check(llmctl_easy_setopt_pointer(handle, option, pointer), option)
    }

    func set(_ option: CURLoption, list: UnsafeMutablePointer<curl_slist>?) throws(CurlSetupError) {
        try check(llmctl_easy_setopt_slist(handle, option, list), option)
    }

    func long(_ info: CURLINFO) -> Int {
        var value = 0
        return llmctl_easy_getinfo_long(handle, info, &value) == CURLE_OK ? value : 0
    }

    func offset(_ info: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        return llmctl_easy_getinfo_off_t(handle, info, &value) == CURLE_OK ? Int64(value) : 0
    }

    func string(_ info: CURLINFO) -> String {
        var value: UnsafeMutablePointer<CChar>?
        guard llmctl_easy_getinfo_string(handle, info, &value) == CURLE_OK, let value else { return "" }
        return String(cString: value)
    }

    func cleanup() { curl_easy_cleanup(handle) }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(CurlSetupError) {
        guard code == CURLE_OK else {
            throw CurlSetupError(message: "libcurl rejected option \(option.rawValue): \(String(cString: curl_easy_strerror(code)))")
        }
    }
}

/// A failure while configuring a transfer (a libcurl build without a needed feature, out of memory).
struct CurlSetupError: Error {
    let message: String
}

extension CurlEasy {
    /// Reads libcurl's measurements for the transfer; valid until `cleanup()`.
    func metrics() -> TransferMetrics {
        let version: String = switch long(CURLINFO_HTTP_VERSION) {
        case 1: "1.0"
        case 2: "1.1"
        case 3: "2"
        case 30: "3"
        default: ""
        }
        return TransferMetrics(
            newConnections: long(CURLINFO_NUM_CONNECTS),
            nameLookup: seconds(CURLINFO_NAMELOOKUP_TIME_T),
            connect: seconds(CURLINFO_CONNECT_TIME_T),
            tlsHandshake: seconds(CURLINFO_APPCONNECT_TIME_T),
            preTransfer: seconds(CURLINFO_PRETRANSFER_TIME_T),
            firstByte: seconds(CURLINFO_STARTTRANSFER_TIME_T),
            total: seconds(CURLINFO_TOTAL_TIME_T),
            httpVersion: version,
            remoteIP: string(CURLINFO_PRIMARY_IP),
            localPort: long(CURLINFO_LOCAL_PORT))
    }

    private func seconds(_ info: CURLINFO) -> Double { Double(offset(info)) / 1_000_000 }
}
