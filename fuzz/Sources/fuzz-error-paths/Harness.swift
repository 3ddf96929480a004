import FuzzSupport
import HTTPMessage
import LLMCore

/// Every provider's error path: any status, headers and body become an error without trapping, and
/// the request's key, wherever the body or headers echo it, never survives redaction.
@_cdecl("fuzz_error_paths_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { start, count in fuzz(start, count) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> Int32 {
    withFuzzInput(start, count) { data in
        guard data.count >= 3 else { return }
        let kinds = ProviderKind.allCases
        let kind = kinds[Int(data[0]) % kinds.count]
        let status = 400 + Int(data[1]) % 200
        let key = "sk-fuzz-KEY-0123456789"
        // The input may ask for the key anywhere: every "@K" in it becomes the key.
        let text = String(decoding: data.dropFirst(2), as: UTF8.self).replacingAll("@K", with: key)
        let parts = text.split(separator: "\n\n", maxSplits: 1, omittingEmptySubsequences: false)
        var headers: HTTPHeaders = [:]
        for line in (parts.count > 1 ? parts[0] : "").split(separator: "\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            if pair.count == 2 { headers.add(String(pair[0]), String(pair[1])) }
        }
        let body = Array((parts.last ?? "").utf8)
        guard let provider = ProviderCatalog.builtInImplementations[kind] else { return }
        let credential: Credential = kind == .bedrock
            ? .bearer(Secret(key), source: "AWS_BEARER_TOKEN_BEDROCK") : .apiKey(Secret(key), source: "KEY")
        let endpoint = Endpoint(name: kind.rawValue, kind: kind, baseURL: "http://127.0.0.1:1", credential: credential)
        let error = provider.decodeError(status: status, headers: headers, body: body, endpoint: endpoint)
            .redacted(Redactor(secrets: endpoint.credential.secrets))
        for field in [error.message, error.providerCode ?? "", error.requestID ?? ""] where field.contains(key) {
            Fuzz.fail("\(kind): the key survived in an error field: \(field)")
        }
        _ = error.retryAfter.map { Int($0) }
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
