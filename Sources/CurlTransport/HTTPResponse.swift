import HTTPMessage

/// A response whose head has arrived; its body streams through `body`.
public struct HTTPResponse: Sendable {
    /// The final status code (after any 1xx interim replies).
    public let status: Int
    /// The final reply's headers, in the order received.
    public let headers: HTTPHeaders
    /// The body, streamed with backpressure.
    public let body: ResponseBody
    let transfer: Transfer

    init(head: ResponseHead, transfer: Transfer) {
        self.status = head.status
        self.headers = head.headers
        self.body = ResponseBody(transfer: transfer)
        self.transfer = transfer
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

    /// Reads the body chunk by chunk; one task at a time.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let transfer: Transfer
        /// The next chunk, nil at the end; throws the transfer's error or `CancellationError`.
        public mutating func next() async throws -> [UInt8]? {
            try await transfer.nextChunk()
        }
    }

    /// An iterator over the body's chunks.
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(transfer: transfer) }
}
