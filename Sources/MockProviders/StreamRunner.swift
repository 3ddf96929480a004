/// How a streamed response ended.
enum StreamOutcome {
    /// Every planned frame was written (possibly ending early by a mid-stream error fault).
    case completed
    /// The client went away before the end.
    case clientGone
    /// A `dropAfterTokens` fault cut the connection on purpose.
    case dropped
    /// The server is stopping.
    case stopping
}

/// Plays a reply through a dialect onto a writer, applying one fault: delays, drops, malformed
/// payloads, in-stream errors, a missing end marker, line endings.
struct StreamRunner {
    let writer: ResponseWriter
    let dialect: any StreamDialect
    let plan: ReplyPlan
    let fault: MockFault
    let tokenDelay: Duration

    func run(status: Int, headers: [(String, String)], close: Bool) -> StreamOutcome {
        // Frames are coalesced only when nothing is timed, so a delayed token always leaves at once.
        writer.coalesceLimit = tokenDelay > .zero ? 0 : 32 * 1024
        var all = [("content-type", dialect.contentType)] + headers
        all.append(("cache-control", "no-cache"))
        guard writer.head(status: status, headers: all, contentLength: nil, close: close),
              emit(dialect.prologue()), writer.flush()
        else { return .clientGone }

        let ending = fault.omitEndMarker
        for i in 0..<plan.count {
            if let outcome = interrupt(at: i) { return outcome }
            if tokenDelay > .zero {
                switch writer.wait(tokenDelay) {
                case .elapsed: break
                case .peerClosed: return .clientGone
                case .stopping: return .stopping
                }
            }
            let isLast = i == plan.count - 1
            let frames = dialect.delta(index: i, text: plan.token(i),
                                       finish: isLast && !ending ? plan.finish : nil)
            guard emit(frames) else { return .clientGone }
        }
        if let outcome = interrupt(at: plan.count) { return outcome }
        guard emit(dialect.epilogue(tokens: plan.count, finish: plan.finish)) else { return .clientGone }
        if !ending {
            guard emit(dialect.endMarker(tokens: plan.count, finish: plan.finish)) else { return .clientGone }
        }
        return writer.end() ? .completed : .clientGone
    }

    /// Applies the faults that trigger after `tokens` deltas; returns an outcome if the stream ends here.
    private func interrupt(at tokens: Int) -> StreamOutcome? {
        if fault.dropAfterTokens == tokens {
            writer.flush()
            return .dropped
        }
        if fault.malformedChunkAfter == tokens {
            guard emit([dialect.malformed()]) else { return .clientGone }
        }
        if fault.midStreamErrorAfter == tokens {
            guard emit([dialect.streamError(type: fault.errorType)]) else { return .clientGone }
            return writer.end() ? .completed : .clientGone
        }
        return nil
    }

    private func emit(_ frames: [Frame]) -> Bool {
        for frame in frames where !writer.body(frame.bytes(fault.lineEnding)) { return false }
        return !writer.broken
    }
}
