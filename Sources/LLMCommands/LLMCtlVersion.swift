/// The version `llmctl --version` prints and the User-Agent requests carry.
public enum LLMCtlVersion {
    public static let string = "0.1.0"
    /// `llmctl/0.1.0`.
    public static var userAgent: String { "llmctl/\(string)" }
}
