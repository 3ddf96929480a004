/// How a streamed response ended.
package enum StreamOutcome {
    /// Every planned frame was written (possibly ending early by an interruption that ends it).
    case completed
    /// The client went away before the end.
    case clientGone
    /// An interruption cut the connection on purpose.
    case dropped
    /// The server is stopping.
    case stopping
}

/// What a stream does at one point between tokens when something cuts into it.
package struct StreamCut {
    /// How the stream goes on after `frames`.
    package enum Then { case continues, ends, drops }

    /// Frames written at this point.
    package var frames: [Frame]
    /// Whether the stream carries on, ends cleanly here, or loses its connection here.
    package var then: Then

    package init(frames: [Frame] = [], then: Then) {
        self.frames = frames
        self.then = then
    }
}

/// Something that may cut into a stream after a number of tokens. The loopback chat server uses
/// none; a test server's fault injection is one.
package protocol StreamInterruption {
    /// The cut after `tokens` deltas (before delta `tokens`, or after the last when it equals the count).
    func cut(afterTokens tokens: Int) -> StreamCut?
}

/// How a stream is played beyond its dialect and plan: the pause before each token, line endings,
/// whether the end marker is sent, and what may cut into it.
package struct StreamShape {
    package var tokenDelay: Duration = .zero
    package var eol: [UInt8] = [0x0A]
    package var endMarker = true
    package var interruption: (any StreamInterruption)?

    package init(tokenDelay: Duration = .zero, eol: [UInt8] = [0x0A], endMarker: Bool = true,
                 interruption: (any StreamInterruption)? = nil) {
        self.tokenDelay = tokenDelay
        self.eol = eol
        self.endMarker = endMarker
        self.interruption = interruption
    }
}

/// Plays a reply through a dialect onto a writer: head, prologue, one delta per token (with its
/// pause), epilogue, end marker.
package struct StreamRunner {
    package let writer: ResponseWriter
    package let dialect: any StreamDialect
    package let plan: ReplyPlan
    package let shape: StreamShape

    package init(writer: ResponseWriter, dialect: any StreamDialect, plan: ReplyPlan, shape: StreamShape) {
        self.writer = writer
        self.dialect = dialect
        self.plan = plan
        self.shape = shape
    }

    package func run(status: Int, headers: [(String, String)], close: Bool) -> StreamOutcome {
        // Frames are coalesced only when nothing is timed, so a delayed token always leaves at once.
        writer.coalesceLimit = shape.tokenDelay > .zero ? 0 : 32 * 1024
        var all = [("content-type", dialect.contentType)] + headers
        all.append(("cache-control", "no-cache"))
        guard writer.head(status: status, headers: all, contentLength: nil, close: close),
              emit(dialect.prologue()), writer.flush()
        else { return .clientGone }

        for i in 0..<plan.count {
            if let outcome = interrupt(at: i) { return outcome }
            if shape.tokenDelay > .zero {
                switch writer.wait(shape.tokenDelay) {
                case .elapsed: break
                case .peerClosed: return .clientGone
                case .stopping: return .stopping
                }
            }
            let isLast = i == plan.count - 1
            let frames = dialect.delta(index: i, text: plan.token(i),
                                       finish: isLast && shape.endMarker ? plan.finish : nil)
            guard emit(frames) else { return .clientGone }
        }
        if let outcome = interrupt(at: plan.count) { return outcome }
        guard emit(dialect.epilogue(tokens: plan.count, finish: plan.finish)) else { return .clientGone }
        if shape.endMarker {
            guard emit(dialect.endMarker(tokens: plan.count, finish: plan.finish)) else { return .clientGone }
        }
        return writer.end() ? .completed : .clientGone
    }

    /// Applies the cut after `tokens` deltas, if any; returns an outcome if the stream ends there.
    private func interrupt(at tokens: Int) -> StreamOutcome? {
        guard let cut = shape.interruption?.cut(afterTokens: tokens) else { return nil }
        switch cut.then {
        case .drops:
            writer.flush()
            return .dropped
        case .continues:
            return emit(cut.frames) ? nil : .clientGone
        case .ends:
            guard emit(cut.frames) else { return .clientGone }
            return writer.end() ? .completed : .clientGone
        }
    }

    private func emit(_ frames: [Frame]) -> Bool {
        for frame in frames where !writer.body(frame.bytes(eol: shape.eol)) { return false }
        return !writer.broken
    }
}
