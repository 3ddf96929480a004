import struct Foundation.Date
import HTTPMessage

/// Status, headers and body of a Bedrock error reply → `ProviderError` (providers.md §6 "Errors").
enum BedrockErrors {
    private struct Body: JSONReadable {
        var message: String?
        var upperMessage: String?
        var type: String?

        init(_ fields: JSONFields) throws(JSONShapeError) {
            message = try fields.string("message")
            upperMessage = try fields.string("Message")
            type = try fields.string("__type")
        }
    }

    static func map(status: Int, headers: HTTPHeaders, body: [UInt8], endpoint: Endpoint, now: Date) -> ProviderError {
        let parsed = Body.read(body)
        let code = errorType(headers: headers, body: parsed)
        let secrets = endpoint.credential.secrets
        // A signature mismatch message goes on to quote the canonical request (with the session token);
        // only its first paragraph is kept, and secrets are scrubbed anyway.
        let text = (parsed?.message ?? parsed?.upperMessage).map {
            NativeWire.oneLine(String($0.components(separatedBy: "\n\n")[0]), secrets: secrets)
        } ?? NativeWire.bodySnippet(body, secrets: secrets)
        let detail = " (HTTP \(status)" + (code.map { ", \($0)" } ?? "") + (text.map { ": \($0)" } ?? "") + ")"
        let name = endpoint.name
        let source = NativeWire.credentialSource(endpoint, fallback: "the AWS credentials")
        var retryAfter = RetryAfter.seconds(from: headers, now: now)
        if let milliseconds = headers["x-amz-retry-after"].flatMap(Double.init), milliseconds >= 0 {
            retryAfter = ProviderError.clamped(milliseconds / 1000)
        }
        var error = ProviderError(category: NativeWire.category(forStatus: status), status: status, message: "",
                                  providerCode: code, retryAfter: retryAfter, requestID: headers["x-amzn-requestid"])
        switch (status, code ?? "") {
        case (_, "ExpiredTokenException"), (_, "ExpiredToken"):
            error.category = .auth
            error.message = "\(name): the session token from \(source) has expired\(detail); refresh the credentials and retry"
        case (403, "AccessDeniedException"):
            // A 403 is `permission` for every provider: the credentials were accepted, the action was not.
            error.category = .permission
            error.message = "\(name) denied access to the credentials from \(source)\(detail); check their IAM permissions and that model access is enabled in this region"
        case (403, _), (401, _):
            error.category = .auth
            error.message = "\(name) rejected the credentials from \(source)\(detail); check the key, secret and session token, and the region"
        case (400, _) where ErrorHints.isContextLength(text):
            error.message = "\(name) rejected the request\(detail); \(ErrorHints.contextLength)"
        case (400, _):
            error.message = "\(name) rejected the request\(detail); check the model id and options"
        case (404, _):
            error.message = "\(name) has no such model here\(detail); check the model id and the region (\(endpoint.baseURL))"
        case (429, _):
            error.category = .rateLimited
            let wait = retryAfter.map { "wait \(NativeWire.seconds($0)) and retry" } ?? "wait a moment and retry"
            error.message = "\(name) is throttling requests\(detail); \(wait), or request a quota increase"
        case (503, _):
            error.message = "\(name) is unavailable\(detail); retry in a moment"
        case (408, _), (424, _), (500..<600, _):
            error.category = .server
            error.message = "\(name) had a server or model error\(detail); retry in a moment"
        default:
            error.message = "\(name) answered with HTTP \(status)\(detail); check the endpoint \(endpoint.baseURL)"
        }
        return error
    }

    /// `x-amzn-ErrorType: Name:http://internal.amazon.com/…` → `Name`; else the body's `__type` after `#`.
    private static func errorType(headers: HTTPHeaders, body: Body?) -> String? {
        if let header = headers["x-amzn-errortype"], let name = header.split(separator: ":").first, !name.isEmpty {
            return String(name)
        }
        guard let type = body?.type else { return nil }
        return type.split(separator: "#").last.map(String.init)
    }
}
