/// The deterministic reply for one request: its tokens, finish and usage counts.
package struct ReplyPlan {
    /// Model name echoed in responses.
    package let model: String
    /// Input tokens: the word count of all prompt messages (system included).
    package let inputTokens: Int
    /// Number of token deltas to emit.
    package let count: Int
    package let finish: Finish
    private let words: [String]
    private let fillerFrom: Int?

    /// Plans a reply to `prompts` (message texts, in order) whose last user message is `lastUser`:
    /// exactly `replyText` when given, else `Mock reply to: <first words>.` padded to `tokens` tokens.
    /// `finishReason` replaces the natural finish (stop, or length when `maxTokens` cut it short).
    package init(model: String, prompts: [String], lastUser: String, maxTokens: Int?,
                 tokens: Int, replyText: String?, finishReason: String? = nil) {
        self.model = model
        inputTokens = prompts.reduce(0) { $0 + Self.wordCount($1) }
        let natural: Int
        if let text = replyText {
            words = Self.tokenize(text)
            fillerFrom = nil
            natural = words.count
        } else {
            natural = max(0, tokens)
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
        finish = finishReason.map { .custom($0) } ?? planned
    }

    /// A plan of `count` deltas whose frames the dialect already holds (a scripted reply): the runner
    /// only paces them.
    package init(model: String, scriptedDeltas count: Int, inputTokens: Int = 0) {
        self.model = model
        self.inputTokens = inputTokens
        self.count = count
        finish = .stop
        words = Array(repeating: "", count: count)
        fillerFrom = nil
    }

    /// Token `i` (0-based): a word plus its trailing whitespace.
    package func token(_ i: Int) -> String {
        if let fillerFrom, i >= words.count { return "token\(i - fillerFrom + 1) " }
        return words[i]
    }

    /// The whole reply, for non-streaming responses.
    package var text: String {
        var out = ""
        for i in 0..<count { out += token(i) }
        return out
    }

    /// Splits `text` into words that each keep their trailing whitespace, so the pieces concatenate
    /// back to exactly `text` (leading whitespace stays with the first word).
    package static func tokenize(_ text: String) -> [String] {
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

    package static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).count
    }
}
