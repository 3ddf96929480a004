/// The deterministic reply for one request: its tokens, finish and usage counts.
struct ReplyPlan {
    /// Model name echoed in responses.
    let model: String
    /// Input tokens: the word count of all prompt messages (system included).
    let inputTokens: Int
    /// Number of token deltas to emit.
    let count: Int
    let finish: Finish
    private let words: [String]
    private let fillerFrom: Int?

    /// Plans a reply to `prompts` (message texts, in order) whose last user message is `lastUser`.
    init(model: String, prompts: [String], lastUser: String, maxTokens: Int?,
         configuration: MockConfiguration, fault: MockFault) {
        self.model = model
        inputTokens = prompts.reduce(0) { $0 + Self.wordCount($1) }
        let natural: Int
        if let text = configuration.replyText {
            words = Self.tokenize(text)
            fillerFrom = nil
            natural = words.count
        } else {
            natural = max(0, fault.tokens ?? configuration.tokens)
            let prompt = lastUser.split(whereSeparator: \.isWhitespace).prefix(5).map(String.init)
            var header = ["Mock", "reply", "to:"] + prompt
            if prompt.isEmpty { header = ["Mock", "reply."] } else { header[header.count - 1] += "." }
            words = header.map { $0 + " " }
            fillerFrom = header.count
        }
        var planned = Finish.stop
        if let maxTokens, maxTokens >= 0, maxTokens < natural {
            count = maxTokens
            planned = .length
        } else {
            count = natural
        }
        finish = fault.finishReason.map { .custom($0) } ?? planned
    }

    /// Token `i` (0-based): a word plus its trailing whitespace.
    func token(_ i: Int) -> String {
        if let fillerFrom, i >= words.count { return "token\(i - fillerFrom + 1) " }
        return words[i]
    }

    /// The whole reply, for non-streaming responses.
    var text: String {
        var out = ""
        for i in 0..<count { out += token(i) }
        return out
    }

    /// Splits `text` into words that each keep their trailing whitespace, so the pieces concatenate
    /// back to exactly `text` (leading whitespace stays with the first word).
    static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var inSpace = false
        for ch in text {
            if ch.isWhitespace {
                inSpace = true
            } else if inSpace && current.contains(where: { !$0.isWhitespace }) {
                tokens.append(current)
                current = ""
                inSpace = false
            } else {
                inSpace = false
            }
            current.append(ch)
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).count
    }
}
