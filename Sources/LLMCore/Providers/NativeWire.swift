import Foundation
import HTTPMessage

/// Helpers shared by the providers with their own wire formats (Anthropic, Gemini, Bedrock, Ollama).
enum NativeWire {
    /// `{"role": …, "content": …}`, the message shape of Anthropic, Ollama and OpenAI.
    static func message(role: String, content: String) -> JSONValue {
        .object(["role": .string(role), "content": .string(content)])
    }

    /// A list of strings (stop sequences).
    static func strings(_ list: [String]) -> JSONValue { .array(list.map(JSONValue.string)) }

    /// An object of the options that are set, or nil when none is (the whole key is then left out).
    static func options(_ pairs: KeyValuePairs<String, JSONValue?>) -> JSONValue? {
        let object = JSONValue.object(omittingNils: pairs)
        return object.members?.isEmpty == false ? object : nil
    }

    /// The system prompt: `request.system` plus any system-role messages, in order, blank-line separated.
    static func systemPrompt(_ request: ChatRequest) -> String? {
        let parts = ([request.system] + request.messages.filter { $0.role == .system }.map(\.content))
            .compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: "\n\n")
    }

    /// The user and assistant turns (providers without a system role get the system prompt separately).
    static func turns(_ request: ChatRequest) -> [ChatMessage] {
        request.messages.filter { $0.role != .system }
    }

    /// Provider text made safe for a one-line message: secrets removed, whitespace collapsed, length capped.
    static func oneLine(_ text: String, secrets: [String] = [], limit: Int = 200) -> String {
        let scrubbed = Redactor(secrets: secrets).scrub(text)
        let collapsed = scrubbed.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return collapsed.count <= limit ? collapsed : String(collapsed.prefix(limit)) + "…"
    }

    /// A short rendering of a non-JSON error body (an HTML page from a proxy), or nil when empty.
    static func bodySnippet(_ body: [UInt8], secrets: [String]) -> String? {
        let text = oneLine(String(decoding: body.prefix(400), as: UTF8.self), secrets: secrets, limit: 80)
        return text.isEmpty ? nil : text
    }

    /// `7s`, `1.5s`: seconds as a person reads them.
    static func seconds(_ value: Double) -> String {
        // `Int(_:)` traps outside its range; no real wait is that long.
        value == value.rounded() && abs(value) < 1e15 ? "\(Int(value))s" : "\(value)s"
    }

    /// Where the credential came from, for messages: the resolved source, else the hint, else `fallback`.
    static func credentialSource(_ endpoint: Endpoint, fallback: String) -> String {
        endpoint.credential.source ?? endpoint.credentialHint ?? fallback
    }

    /// The category a status implies when the body says nothing more specific.
    static func category(forStatus status: Int) -> ProviderError.Category {
        switch status {
        case 401: .auth
        case 403: .permission
        case 404: .notFound
        case 429: .rateLimited
        case 503, 529: .overloaded
        case 400..<500: .badRequest
        default: .server
        }
    }

    /// `x-should-retry: true/false` as a flag.
    static func shouldRetry(_ headers: HTTPHeaders) -> Bool? {
        switch headers["x-should-retry"]?.lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }
}

/// Events decoded before an error in the same read are returned first; the error is thrown on the next
/// call, so text the provider sent before failing is still shown.
struct PendingFailure: Sendable {
    private(set) var error: ProviderError?

    /// Throws the stored error, if any.
    func check() throws {
        if let error { throw error }
    }

    /// Returns `events` when there are some (the error waits for the next call); otherwise throws now.
    mutating func hold(_ failure: ProviderError, after events: [ChatEvent]) throws -> [ChatEvent] {
        error = failure
        if events.isEmpty { throw failure }
        return events
    }
}

extension NativeWire {
    /// An environment variable with surrounding spaces removed; empty or blank counts as unset.
    static func value(_ environment: [String: String], _ variable: String) -> String? {
        guard let raw = environment[variable] else { return nil }
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

}
