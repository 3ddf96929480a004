/// Hints that fit the error, shared by every provider's error mapping: a 400 is not always "check the
/// options". The phrases are the ones the providers' own messages use.
enum ErrorHints {
    /// The advice for a conversation longer than the model's context window.
    static let contextLength = "the conversation is longer than the model's context window; shorten the input, or /clear in the chat"

    /// The advice when the account has run out of credit.
    static let creditBalance = "the account's credit balance is too low; add credits (retrying will not help)"

    /// True when a rejection says the input is over the context window (`context_length_exceeded`,
    /// Anthropic's "prompt is too long", Gemini's "exceeds the maximum number of tokens", Bedrock's
    /// "Input is too long", Ollama's "exceeds the context").
    static func isContextLength(_ text: String?, code: String? = nil) -> Bool {
        if let code = code?.lowercased(), code.contains("context_length") { return true }
        guard let text = text?.lowercased() else { return false }
        return ["context length", "context window", "context_length", "prompt is too long", "input is too long",
                "too many input tokens", "exceeds the maximum number of tokens", "maximum context",
                "exceeds the context", "too many tokens"].contains { text.contains($0) }
    }

    /// True when a rejection says the account has no credit left (Anthropic's "credit balance is too low").
    static func isCreditBalance(_ text: String?) -> Bool {
        text?.lowercased().contains("credit balance") == true
    }
}
