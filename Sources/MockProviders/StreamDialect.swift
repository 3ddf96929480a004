import LoopbackServer

/// A provider's stream format as the test server plays it: the loopback server's `StreamDialect`
/// plus the two payloads only faults send.
protocol MockDialect: StreamDialect {
    /// The provider's in-stream error; `type` overrides the default error type.
    func streamError(type: String?) -> Frame
    /// A syntactically broken payload.
    func malformed() -> Frame
}
