/// How `gemini` resolves from the environment, as google-genai reads it.
public enum GeminiEnvironment {
    /// The API root without a version.
    public static let defaultBaseURL = "https://generativelanguage.googleapis.com"

    /// `GOOGLE_API_KEY` (wins when both are set) or `GEMINI_API_KEY`, `GOOGLE_GEMINI_BASE_URL` and
    /// `GOOGLE_GENAI_API_VERSION`; throws `ConfigError` when no key is set or the URL is bad.
    public static func endpoint(environment: [String: String], name: String = "gemini") throws -> Endpoint {
        let base = try NativeWire.value(environment, "GOOGLE_GEMINI_BASE_URL").map {
            try NativeWire.baseURL($0, from: "GOOGLE_GEMINI_BASE_URL", example: defaultBaseURL)
        } ?? defaultBaseURL
        guard let source = ["GOOGLE_API_KEY", "GEMINI_API_KEY"].first(where: { NativeWire.value(environment, $0) != nil }),
              let key = NativeWire.value(environment, source) else {
            throw ConfigError(message: "GEMINI_API_KEY is not set: export it (or GOOGLE_API_KEY), or pick another model with -m provider:model")
        }
        return Endpoint(name: name, kind: .gemini, baseURL: base, credential: .apiKey(Secret(key), source: source),
                        apiVersion: NativeWire.value(environment, "GOOGLE_GENAI_API_VERSION"),
                        credentialHint: "GEMINI_API_KEY")
    }
}
