import Synchronization
/// Answers `POST …/chat/completions` the way OpenAI does, streamed (SSE, usage when asked) or whole,
/// with a reply planned from the prompt; anything else gets OpenAI's error shape. Only the offline
/// model's needs: no faults, no other providers, no listing of models (nothing asks it for one).
struct OpenAIChatResponder: LoopbackResponder {
    /// Reply length in tokens, one stream delta each.
    let tokens: Int
    /// The model named in replies when the request names none.
    let defaultModel: String

    func serve(_ request: HTTPRequest, on connection: Connection) -> Bool {
        let server = connection.server
        server.requests.add(1, ordering: .relaxed)
        let serial = server.serial.add(1, ordering: .relaxed).newValue
        return connection.send(respond(to: request, serial: serial), for: request)
    }

    func respond(to request: HTTPRequest, serial: Int) -> LoopbackResponse {
        let digits = String(serial, radix: 16)
        let suffix = String(repeating: "0", count: max(0, 8 - digits.count)) + digits
        let headers = [("x-request-id", "req_loopback\(suffix)")]
        func error(_ status: Int, _ message: String, type: String = "invalid_request_error",
                   code: String? = nil, extra: [(String, String)] = []) -> LoopbackResponse {
            .json(status, OpenAIChat.errorJSON(message, type: type, code: code), headers: headers + extra)
        }
        let path = PercentEncoding.decode(request.path)
        guard path.hasSuffix("/chat/completions") else {
            return error(404, "\(request.method) \(path) is not served here; the offline model answers "
                + "POST /v1/chat/completions only", code: "unknown_url")
        }
        guard request.method == "POST" else {
            return error(405, "method \(request.method) not allowed here", extra: [("allow", "POST")])
        }
        guard let key = request.bearerToken, !key.isEmpty else {
            return error(401, "You didn't provide an API key (Authorization: Bearer …).")
        }
        guard let json = JSONText.object(request.body), json.array("messages") != nil else {
            return error(400, "The body must be a JSON object with a 'messages' array.")
        }
        let chat = OpenAIChat(json: json, defaultModel: defaultModel, tokens: tokens, replyText: nil)
        let id = "chatcmpl-loopback\(suffix)"
        let created = Int(UnixTime.seconds())
        guard chat.stream else { return .json(200, chat.completionJSON(id: id, created: created), headers: headers) }
        let dialect = OpenAIDialect(id: id, created: created, model: chat.plan.model,
                                    inputTokens: chat.plan.inputTokens, includeUsage: chat.includeUsage,
                                    obfuscate: chat.obfuscate)
        return .stream(status: 200, headers: headers, dialect: dialect, plan: chat.plan)
    }
}
