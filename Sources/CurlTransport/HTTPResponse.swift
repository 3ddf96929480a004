/// A response whose head has arrived; its body streams through `body`.
public struct HTTPResponse: Sendable {
    public let status: Int
    public let headers: [HeaderField]
    public let body: ResponseBody
    let transfer: Transfer

    init(head: ResponseHead, transfer: Transfer) {
        self.status = head.status
        self.headers = head.headers
        self.body = ResponseBody(transfer: transfer)
        self.transfer = transfer
    }

    /// The first value of a header, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// Waits for the transfer to end (read the body first) and returns libcurl's measurements.
    public func metrics() async -> TransferMetrics {
        await transfer.awaitCompletion()
    }

    /// Reads the whole body, up to `limit` bytes (more is dropped, the transfer still runs to its end).
    public func readAll(limit: Int = 1 << 20) async throws -> [UInt8] {
        var all: [UInt8] = []
        for try await chunk in body where all.count < limit {
            all.append(contentsOf: chunk.prefix(limit - all.count))
        }
        return all
    }
}

/// The body of a response as an async sequence of byte chunks, with backpressure: when the consumer
/// falls behind, the transfer pauses instead of buffering without bound.
public struct ResponseBody: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    let transfer: Transfer

    public struct AsyncIterator: AsyncIteratorProtocol {
        let transfer: Transfer
        public mutating func next() async throws -> [UInt8]? {
            try await transfer.nextChunk()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(transfer: transfer) }
}
