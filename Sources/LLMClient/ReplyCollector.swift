import CurlTransport
import LLMCore
import Synchronization

/// Accumulates one reply's events and timing while it streams.
///
/// A class behind a mutex because it is shared between the scope's closure and the error path;
/// only one task uses it at a time.
final class ReplyCollector: Sendable {
    private struct State {
        var reply = ReplyAssembler()
        /// Deltas of any kind, the token count when the provider reports none.
        var deltas = 0
        /// First delta of any kind (reasoning counts), and first answer text.
        var ttft: Duration?
        var firstText: Duration?
        var ended = false
        var metrics: TransferMetrics?
        var response: HTTPResponse?
    }

    private let state = Mutex(State())
    let model: ModelRef
    let endpoint: Endpoint

    init(model: ModelRef, endpoint: Endpoint) {
        self.model = model
        self.endpoint = endpoint
    }

    var ended: Bool { state.withLock { $0.ended } }
    var metrics: TransferMetrics? {
        get { state.withLock { $0.metrics } }
        set { state.withLock { $0.metrics = newValue } }
    }
    /// The response once its head arrived, so a failure after it can still read the transfer's metrics.
    var response: HTTPResponse? {
        get { state.withLock { $0.response } }
        set { state.withLock { $0.response = newValue } }
    }

    func handle(_ events: [ChatEvent], at elapsed: Duration, _ onEvent: (ChatEvent) -> Void) throws {
        for event in events {
            state.withLock { s in
                s.reply.apply(event)
                if event.isDelta {
                    if s.ttft == nil { s.ttft = elapsed }
                    s.deltas += 1
                }
                if case .text(let piece) = event, !piece.isEmpty, s.firstText == nil { s.firstText = elapsed }
                if case .end = event { s.ended = true }
            }
            onEvent(event)
        }
    }

    func result(total: Duration, outcome: AttemptOutcome, status: Int?) -> ChatResult {
        state.withLock { s in
            let totalMs = total.milliseconds
            let ttftMs = s.ttft?.milliseconds
            // A reply that broke off has only the usage reported so far (Anthropic's message_start says 1),
            // so the deltas shown count when they are more; a whole reply's usage is the provider's word.
            var tokens = s.reply.usage?.outputTokens ?? (s.deltas > 0 ? s.deltas : nil)
            if outcome != .ok, s.deltas > (tokens ?? 0) { tokens = s.deltas }
            let connection = s.metrics.map(ConnectionStats.init(metrics:))
            let attempt = AttemptRecord(model: model.description, outcome: outcome, status: status,
                                        reusedConnection: connection?.reused)
            let stats = RequestStats(
                provider: endpoint.name, model: model.model, ttftMs: ttftMs, firstTextMs: s.firstText?.milliseconds, totalMs: totalMs, outputTokens: tokens,
                tokensPerSecond: RequestStats.tokensPerSecond(tokens: tokens, ttftMs: ttftMs, totalMs: totalMs),
                connection: connection, attempts: [attempt])
            return ChatResult(message: s.reply.message, finishReason: s.reply.finishReason, usage: s.reply.usage,
                              stats: stats, model: model)
        }
    }
}

extension ConnectionStats {
    /// Converts libcurl's measurements (seconds, cumulative) into per-phase milliseconds.
    init(metrics m: TransferMetrics) {
        self.init(reused: m.reusedConnection, httpVersion: m.httpVersion, dnsMs: m.dnsDuration * 1000,
                  connectMs: m.connectDuration * 1000, tlsMs: m.tlsDuration * 1000,
                  firstByteMs: max(0, m.firstByte - m.preTransfer) * 1000, localPort: m.localPort, remoteIP: m.remoteIP)
    }
}
