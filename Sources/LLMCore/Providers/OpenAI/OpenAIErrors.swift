import Foundation
import HTTPMessage

extension OpenAIProvider {
    /// Maps a non-2xx reply to a one-line, actionable error that never contains the key.
    public func decodeError(status: Int, headers: HTTPHeaders, body: [UInt8], endpoint: Endpoint) -> ProviderError {
        OpenAIErrorMapper.map(status: status, headers: headers, body: body, endpoint: endpoint, now: Date())
    }
}

/// Status, headers and body of an OpenAI-protocol error reply → `ProviderError`.
enum OpenAIErrorMapper {
    static func map(status: Int, headers: HTTPHeaders, body: [UInt8], endpoint: Endpoint, now: Date) -> ProviderError {
        let parsed = parse(body)
        let secrets = endpoint.credential.secrets
        // ": <provider's message> (<code>)", scrubbed and short; empty when the body said nothing.
        let detail = parsed.map { ": " + OpenAIErrorText.describe($0, secrets: secrets) } ?? ""
        let code = parsed?.providerCode
        let name = endpoint.name
        let keySource = endpoint.credential.source ?? endpoint.credentialHint ?? "the configured key"
        var error = ProviderError(category: .server, status: status, message: "", providerCode: code,
                                  retryAfter: RetryAfter.seconds(from: headers, now: now),
                                  shouldRetry: headers["x-should-retry"].flatMap(flag),
                                  requestID: headers["x-request-id"] ?? headers["apim-request-id"])
        switch status {
        case 401:
            error.category = .auth
            // The provider's own text is left out on purpose: OpenAI echoes part of the rejected key.
            if let source = endpoint.credential.source {
                error.message = "\(name) rejected the API key in \(source) (HTTP 401): check that it is current and meant for \(name), or export a new one"
            } else {
                let hint = endpoint.credentialHint.map { "export \($0)" } ?? "configure an API key for it"
                error.message = "\(name) requires an API key (HTTP 401): \(hint)"
            }
        case 403:
            error.category = .permission
            error.message = "\(name) refused access (HTTP 403)\(detail); check that the key in \(keySource) may use this model, project or region"
        case 404:
            error.category = .notFound
            let what = endpoint.kind == .azureOpenAI ? "deployment name" : "model name (see llmctl models)"
            error.message = "\(name) has no such model or route (HTTP 404)\(detail); check the \(what) and the base URL \(endpoint.baseURL)"
        case 402:
            error.category = .badRequest
            error.shouldRetry = false
            error.message = "\(name) wants payment (HTTP 402)\(detail); add credits to the account, retrying will not help"
        case 429 where isQuota(parsed):
            error.category = .rateLimited
            error.shouldRetry = false
            error.message = "\(name) quota exhausted: the account is out of credits or at its billing limit (HTTP 429, insufficient_quota); add credits or raise the limit, retrying will not help"
        case 429:
            error.category = .rateLimited
            let wait = error.retryAfter.map { "wait \(seconds($0)) and retry" } ?? "wait a moment and retry"
            error.message = "\(name) is rate limiting requests (HTTP 429)\(detail); \(wait), or send fewer requests"
        case 408, 409:
            error.category = .server
            error.message = "\(name) could not complete the request (HTTP \(status))\(detail); retry it"
        case 413:
            error.category = .badRequest
            error.message = "\(name) says the request is too large (HTTP 413)\(detail); shorten the conversation or the input"
        case 400..<500 where ErrorHints.isContextLength(parsed?.message, code: parsed?.code):
            error.category = .badRequest
            error.message = "\(name) rejected the request (HTTP \(status))\(detail); \(ErrorHints.contextLength)"
        case 400..<500 where parsed?.code == "content_filter":
            error.category = .blocked
            error.message = "\(name) content filter blocked the prompt (HTTP \(status))\(detail); rephrase it"
        case 400..<500:
            error.category = .badRequest
            error.message = "\(name) rejected the request (HTTP \(status))\(detail); check the model name and options (temperature, max tokens, stop)"
        case 503, 529:
            // One class for every provider: 503 and 529 mean busy for a moment (overloaded).
            error.category = .overloaded
            error.message = "\(name) is unavailable or overloaded (HTTP \(status))\(detail); retry in a moment"
        case 500..<600:
            error.category = .server
            error.message = "\(name) had a server error (HTTP \(status))\(detail); retry in a moment"
        default:
            error.category = .server
            error.message = "\(name) answered with unexpected HTTP status \(status)\(detail); check the base URL \(endpoint.baseURL)"
        }
        return error
    }

    /// The error object of a JSON body (either shape, or a bare `message`/`detail`), or a short summary
    /// of a non-JSON body.
    static func parse(_ body: [UInt8]) -> OpenAIErrorBody? {
        guard let json = try? JSONValue.parse(body) else {
            return OpenAIErrorText.summary(ofNonJSON: body).map { OpenAIErrorBody(message: $0) }
        }
        if let payload = OpenAIPayload(json), let error = payload.error { return error }
        // FastAPI-style servers answer `{"detail": "…"}` or `{"detail": [{"msg": "…"}]}`; others `{"message": "…"}`.
        let text = json["message"]?.string ?? json["detail"]?.string ?? json["detail"]?[0]?["msg"]?.string
        return text.map { OpenAIErrorBody(message: $0) }
    }

    private static func isQuota(_ error: OpenAIErrorBody?) -> Bool {
        error?.code == "insufficient_quota" || error?.type == "insufficient_quota"
    }

    private static func flag(_ text: String) -> Bool? {
        switch text.trimmingASCIISpaces().lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }

    /// `12s` or `1.5s`, without a long fraction.
    private static func seconds(_ value: Double) -> String {
        let rounded = (value * 10).rounded(.up) / 10
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? "\(Int(rounded))s" : "\(rounded)s"
    }
}

/// Turns provider text into something safe to show on one line.
enum OpenAIErrorText {
    /// `message (code)`, on one line, short, with keys removed.
    static func describe(_ error: OpenAIErrorBody, secrets: [String]) -> String {
        var text = oneLine(scrub(error.message ?? "", secrets: secrets), limit: 200)
        if let code = error.providerCode, !code.isEmpty, !text.contains(code) {
            text += text.isEmpty ? code : " (\(code))"
        }
        return text.isEmpty ? "no details given" : text
    }

    /// Collapses whitespace (including line breaks) and clips to `limit` characters.
    static func oneLine(_ text: String, limit: Int) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        let joined = words.joined(separator: " ")
        return joined.count > limit ? String(joined.prefix(limit)) + "…" : joined
    }

    /// Removes the exact secrets, and any word that looks like an API key (providers echo keys
    /// partially masked, e.g. `sk-abc1***********wxyz`, which exact matching cannot catch).
    static func scrub(_ text: String, secrets: [String]) -> String {
        var out = Redactor(secrets: secrets).scrub(text)
        guard out.contains(where: { $0.isLetter || $0.isNumber }) else { return out }
        out = out.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let trimmed = word.trimmingCharacters(in: wordPunctuation)
            return looksLikeKey(trimmed) ? word.replacingOccurrences(of: trimmed, with: "<redacted>") : String(word)
        }.joined(separator: " ")
        return out
    }

    private static let wordPunctuation = CharacterSet(charactersIn: "\"'`.,;:()[]<>")
    private static let keyPrefixes = ["sk-", "sk_", "gsk_", "xai-", "pplx-", "fw_", "aiza"]

    static func looksLikeKey(_ word: String) -> Bool {
        if word.contains("***") { return word.count >= 8 }  // a masked key, whatever its shape
        guard word.count >= 12 else { return false }
        let lowered = word.lowercased()
        if keyPrefixes.contains(where: { lowered.hasPrefix($0) }) { return true }
        // A long random run: a segment of 20+ ASCII letters and digits, mixing both. Model names
        // (`gpt-4o-mini-2024-07-18`) and URLs have short or punctuated segments.
        return word.split(whereSeparator: { $0 == "-" || $0 == "_" }).contains { segment in
            segment.count >= 20 && segment.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
                && segment.contains(where: \.isNumber) && segment.contains(where: \.isLetter)
        }
    }

    /// A short line from a body that is not JSON (a proxy's HTML page, a plain-text error).
    static func summary(ofNonJSON body: [UInt8]) -> String? {
        let text = String(decoding: body.prefix(4096), as: UTF8.self)
        if let open = text.range(of: "<title>", options: .caseInsensitive),
           let close = text.range(of: "</title>", options: .caseInsensitive, range: open.upperBound..<text.endIndex) {
            let title = oneLine(String(text[open.upperBound..<close.lowerBound]), limit: 100)
            if !title.isEmpty { return title }
        }
        let lines = text.split(whereSeparator: \.isNewline).map { stripTags(String($0)) }
        guard let first = lines.first(where: { !$0.trimmingASCIISpaces().isEmpty }) else { return nil }
        return oneLine(first, limit: 100)
    }

    private static func stripTags(_ line: String) -> String {
        var out = ""
        var inTag = false
        for character in line {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { out.append(character) }
        }
        return out
    }
}
