import LLMCore

/// A model reference resolved to the endpoint that will serve it.
public struct ResolvedModel: Sendable {
    public var ref: ModelRef
    public var endpoint: Endpoint
    /// True when no model was named and no credentials were found, so the offline model answers.
    public var isOfflineFallback: Bool
    /// The config file's `[models."provider:model"]` defaults for this model; flags override them.
    public var defaults: ModelDefaults

    public init(ref: ModelRef, endpoint: Endpoint, isOfflineFallback: Bool = false, defaults: ModelDefaults = ModelDefaults()) {
        self.ref = ref
        self.endpoint = endpoint
        self.isOfflineFallback = isOfflineFallback
        self.defaults = defaults
    }
}
