/// The form every provider's request body takes on the wire.
public enum ProviderJSON {
    /// A request body as bytes: compact, keys sorted, so the same request is the same bytes (logs,
    /// golden tests, and the SigV4 signature over the body).
    public static func encode(_ body: JSONValue) -> [UInt8] {
        body.jsonBytes(sortedKeys: true)
    }
}
