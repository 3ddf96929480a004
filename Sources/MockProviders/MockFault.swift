import LoopbackServer

/// Line terminator used for SSE and NDJSON framing.
public enum LineEnding: String, Sendable, Codable, Equatable {
    case lf, crlf, cr

    var bytes: [UInt8] {
        switch self {
        case .lf: [0x0A]
        case .crlf: [0x0D, 0x0A]
        case .cr: [0x0D]
        }
    }
}

/// Misbehaviour applied to one response (or to every response, as the default fault).
///
/// JSON form (for `POST /__mock/faults`): snake_case keys, durations in milliseconds, e.g.
/// `[{"status":429,"headers":{"retry-after":"1"}},{"drop_after_tokens":3,"token_delay_ms":5}]`.
public struct MockFault: Sendable, Equatable, Codable {
    /// Answer with this HTTP status instead of streaming; the body is the provider's real error shape.
    public var status: Int?
    /// Extra response headers (added to any response this fault applies to).
    public var headers: [String: String]
    /// Raw error body replacing the provider-shaped one (used with `status`).
    public var body: String?
    /// Close the socket after this many token deltas: no end marker, no terminating chunk. On a
    /// non-streamed reply, close after half the body.
    public var dropAfterTokens: Int?
    /// Pause before the status line.
    public var firstByteDelay: Duration?
    /// Pause before each token delta, overriding the configuration.
    public var tokenDelay: Duration?
    /// Emit a syntactically broken JSON payload after this many token deltas, then carry on.
    public var malformedChunkAfter: Int?
    /// Emit the provider's in-stream error after this many token deltas, then end the stream.
    public var midStreamErrorAfter: Int?
    /// Leave out the end marker (`[DONE]`, `message_stop`, `done:true`, `metadata`, Gemini's finishReason).
    public var omitEndMarker: Bool
    /// SSE/NDJSON line terminator.
    public var lineEnding: LineEnding
    /// Write the response in tiny pieces, each its own write (and its own HTTP chunk when chunked).
    public var splitWrites: Bool
    /// Largest piece for `splitWrites`: 1 writes every byte separately; pieces are 1…n bytes at random.
    public var splitMaxBytes: Int
    /// Reply length override, in tokens.
    public var tokens: Int?
    /// Raw finish reason to report instead of the natural one (e.g. `SAFETY`, `content_filter`).
    public var finishReason: String?
    /// Provider error type for `status` and `midStreamErrorAfter` (e.g. `modelStreamErrorException`).
    public var errorType: String?
    /// Retry hint in the provider's own form: `retry-after`(-ms) headers, Gemini `RetryInfo`,
    /// Bedrock `x-amz-retry-after`.
    public var retryAfter: Duration?

    /// Creates a fault; with no arguments it changes nothing.
    public init(status: Int? = nil, headers: [String: String] = [:], body: String? = nil,
                dropAfterTokens: Int? = nil, firstByteDelay: Duration? = nil, tokenDelay: Duration? = nil,
                malformedChunkAfter: Int? = nil, midStreamErrorAfter: Int? = nil, omitEndMarker: Bool = false,
                lineEnding: LineEnding = .lf, splitWrites: Bool = false, splitMaxBytes: Int = 4,
                tokens: Int? = nil, finishReason: String? = nil, errorType: String? = nil,
                retryAfter: Duration? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.dropAfterTokens = dropAfterTokens
        self.firstByteDelay = firstByteDelay
        self.tokenDelay = tokenDelay
        self.malformedChunkAfter = malformedChunkAfter
        self.midStreamErrorAfter = midStreamErrorAfter
        self.omitEndMarker = omitEndMarker
        self.lineEnding = lineEnding
        self.splitWrites = splitWrites
        self.splitMaxBytes = splitMaxBytes
        self.tokens = tokens
        self.finishReason = finishReason
        self.errorType = errorType
        self.retryAfter = retryAfter
    }

    /// No fault: the faithful, well-behaved response.
    public static let none = MockFault()

    /// An HTTP error with the provider's error body, plus optional headers.
    public static func http(_ status: Int, headers: [String: String] = [:],
                            retryAfter: Duration? = nil) -> MockFault {
        MockFault(status: status, headers: headers, retryAfter: retryAfter)
    }

    enum CodingKeys: String, CodingKey {
        case status, headers, body, tokens
        case dropAfterTokens = "drop_after_tokens", firstByteDelay = "first_byte_delay_ms"
        case tokenDelay = "token_delay_ms", malformedChunkAfter = "malformed_chunk_after"
        case midStreamErrorAfter = "mid_stream_error_after", omitEndMarker = "omit_end_marker"
        case lineEnding = "line_ending", splitWrites = "split_writes", splitMaxBytes = "split_max_bytes"
        case finishReason = "finish_reason", errorType = "error_type", retryAfter = "retry_after_ms"
    }

    /// Decodes the JSON form; every key is optional.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func ms(_ key: CodingKeys) throws -> Duration? {
            try c.decodeIfPresent(Double.self, forKey: key).map { .microseconds(Int64($0 * 1000)) }
        }
        self.init(status: try c.decodeIfPresent(Int.self, forKey: .status),
                  headers: try c.decodeIfPresent([String: String].self, forKey: .headers) ?? [:],
                  body: try c.decodeIfPresent(String.self, forKey: .body),
                  dropAfterTokens: try c.decodeIfPresent(Int.self, forKey: .dropAfterTokens),
                  firstByteDelay: try ms(.firstByteDelay), tokenDelay: try ms(.tokenDelay),
                  malformedChunkAfter: try c.decodeIfPresent(Int.self, forKey: .malformedChunkAfter),
                  midStreamErrorAfter: try c.decodeIfPresent(Int.self, forKey: .midStreamErrorAfter),
                  omitEndMarker: try c.decodeIfPresent(Bool.self, forKey: .omitEndMarker) ?? false,
                  lineEnding: try c.decodeIfPresent(LineEnding.self, forKey: .lineEnding) ?? .lf,
                  splitWrites: try c.decodeIfPresent(Bool.self, forKey: .splitWrites) ?? false,
                  splitMaxBytes: try c.decodeIfPresent(Int.self, forKey: .splitMaxBytes) ?? 4,
                  tokens: try c.decodeIfPresent(Int.self, forKey: .tokens),
                  finishReason: try c.decodeIfPresent(String.self, forKey: .finishReason),
                  errorType: try c.decodeIfPresent(String.self, forKey: .errorType),
                  retryAfter: try ms(.retryAfter))
    }

    /// Encodes the JSON form, leaving out keys that hold their defaults.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        func ms(_ d: Duration?, _ key: CodingKeys) throws {
            guard let d else { return }
            let (s, atto) = d.components
            try c.encode(Double(s) * 1000 + Double(atto) / 1e15, forKey: key)
        }
        try c.encodeIfPresent(status, forKey: .status)
        if !headers.isEmpty { try c.encode(headers, forKey: .headers) }
        try c.encodeIfPresent(body, forKey: .body)
        try c.encodeIfPresent(dropAfterTokens, forKey: .dropAfterTokens)
        try ms(firstByteDelay, .firstByteDelay)
        try ms(tokenDelay, .tokenDelay)
        try c.encodeIfPresent(malformedChunkAfter, forKey: .malformedChunkAfter)
        try c.encodeIfPresent(midStreamErrorAfter, forKey: .midStreamErrorAfter)
        if omitEndMarker { try c.encode(true, forKey: .omitEndMarker) }
        if lineEnding != .lf { try c.encode(lineEnding, forKey: .lineEnding) }
        if splitWrites { try c.encode(true, forKey: .splitWrites) }
        if splitMaxBytes != 4 { try c.encode(splitMaxBytes, forKey: .splitMaxBytes) }
        try c.encodeIfPresent(tokens, forKey: .tokens)
        try c.encodeIfPresent(finishReason, forKey: .finishReason)
        try c.encodeIfPresent(errorType, forKey: .errorType)
        try ms(retryAfter, .retryAfter)
    }
}
