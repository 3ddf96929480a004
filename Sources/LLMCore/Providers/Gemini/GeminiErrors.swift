import struct Foundation.Date
import HTTPMessage

/// Gemini error replies and in-stream error payloads → `ProviderError` (providers.md §5 "Errors").
enum GeminiErrors {
    static func map(status: Int, headers: HTTPHeaders, body: [UInt8], endpoint: Endpoint, now: Date) -> ProviderError {
        let secrets = endpoint.credential.secrets
        let parsed = GeminiWire.ErrorEnvelope.parse(body)
        let code = parsed?.reason ?? parsed?.status
        let text = parsed?.message.map { NativeWire.oneLine($0, secrets: secrets) }
            ?? (parsed == nil ? NativeWire.bodySnippet(body, secrets: secrets) : nil)
        let detail = " (HTTP \(status)" + (code.map { ", \($0)" } ?? "") + (text.map { ": \($0)" } ?? "") + ")"
        let name = endpoint.name
        let source = NativeWire.credentialSource(endpoint, fallback: "GEMINI_API_KEY")
        var error = ProviderError(category: NativeWire.category(forStatus: status), status: status, message: "",
                                  providerCode: code,
                                  retryAfter: parsed?.retryDelay ?? RetryAfter.seconds(from: headers, now: now))
        switch status {
        case 400 where parsed?.reason == "API_KEY_INVALID", 401:
            error.category = .auth
            error.message = "\(name) rejected the API key in \(source)\(detail); check that it is current, or export a new one"
        case 403 where endpoint.credential == .none:
            error.category = .auth
            error.message = "\(name) requires an API key\(detail): export GEMINI_API_KEY (or GOOGLE_API_KEY)"
        case 403:
            error.message = "\(name) refused access\(detail); check that the key in \(source) may use this model and API"
        case 404:
            error.message = "\(name) has no such model or route\(detail); check the model name and the API version (\(endpoint.apiVersion ?? GeminiProvider.defaultAPIVersion))"
        case 429:
            let wait = error.retryAfter.map { "wait \(NativeWire.seconds($0)) and retry" } ?? "wait a moment and retry"
            error.message = "\(name) is rate limiting requests or the quota is used up\(detail); \(wait), or check the quota"
        case 400..<500 where ErrorHints.isContextLength(text):
            error.message = "\(name) rejected the request\(detail); \(ErrorHints.contextLength)"
        case 400..<500:
            error.message = "\(name) rejected the request\(detail); check the model name and options"
        case 503:
            error.message = "\(name) is unavailable or overloaded\(detail); retry in a moment"
        default:
            error.category = .server
            error.message = "\(name) had a server error\(detail); retry in a moment"
        }
        return error
    }

    /// A `{"error":…}` payload inside a 200 stream.
    static func streamError(_ error: GeminiWire.ErrorBody) -> ProviderError {
        let code = error.status ?? error.code.map(String.init) ?? "error"
        let text = NativeWire.oneLine(error.message ?? "no message")
        let category: ProviderError.Category = switch error.code {
        case 429: .rateLimited
        case 503: .overloaded
        default: .streamError
        }
        return ProviderError(category: category, status: 200,
                             message: "gemini reported an error mid-reply (\(code): \(text)); retry the request",
                             providerCode: code, retryAfter: error.retryDelay)
    }
}
