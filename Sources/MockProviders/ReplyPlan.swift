import LoopbackServer

extension ReplyPlan {
    /// Plans a reply the way `configuration` asks (its reply text or length), with the fault's
    /// length and finish reason overriding them.
    init(model: String, prompts: [String], lastUser: String, maxTokens: Int?,
         configuration: MockConfiguration, fault: MockFault) {
        self.init(model: model, prompts: prompts, lastUser: lastUser, maxTokens: maxTokens,
                  tokens: fault.tokens ?? configuration.tokens, replyText: configuration.replyText,
                  finishReason: fault.finishReason)
    }
}
