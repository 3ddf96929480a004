extension ChatRequest {
    /// The request with `defaults` filling what it leaves open: a flag, `/set` or `/system` value is
    /// already set and wins; the config's `[models."provider:model"]` table supplies the rest.
    /// Applied per candidate, so a fallback model gets its own defaults rather than the first one's.
    public func filling(_ defaults: ModelDefaults) -> ChatRequest {
        var request = self
        if request.system == nil { request.system = defaults.system }
        if request.options.temperature == nil { request.options.temperature = defaults.temperature }
        if request.options.maxTokens == nil { request.options.maxTokens = defaults.maxTokens }
        if request.reasoning == nil { request.reasoning = defaults.reasoning }
        return request
    }
}
