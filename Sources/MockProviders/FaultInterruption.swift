import LoopbackServer

/// A fault's cuts into a stream: the connection dropped, a malformed payload, or the provider's
/// in-stream error ending it, each after a given number of token deltas.
struct FaultInterruption: StreamInterruption {
    let fault: MockFault
    let dialect: any MockDialect

    func cut(afterTokens tokens: Int) -> StreamCut? {
        if fault.dropAfterTokens == tokens { return StreamCut(then: .drops) }
        var frames: [Frame] = []
        if fault.malformedChunkAfter == tokens { frames.append(dialect.malformed()) }
        if fault.midStreamErrorAfter == tokens {
            frames.append(dialect.streamError(type: fault.errorType))
            return StreamCut(frames: frames, then: .ends)
        }
        return frames.isEmpty ? nil : StreamCut(frames: frames, then: .continues)
    }
}

extension MockFault {
    /// How this fault shapes a stream on a server configured with `configuration`. Every mock
    /// dialect is a `MockDialect` (the fault tests of each provider check its cuts).
    func streamShape(for response: MockResponse, configuration: MockConfiguration) -> StreamShape {
        var interruption: FaultInterruption?
        if case .stream(_, _, let dialect, _) = response, let dialect = dialect as? any MockDialect {
            interruption = FaultInterruption(fault: self, dialect: dialect)
        }
        return StreamShape(tokenDelay: tokenDelay ?? configuration.tokenDelay, eol: lineEnding.bytes,
                           endMarker: !omitEndMarker, interruption: interruption)
    }
}
