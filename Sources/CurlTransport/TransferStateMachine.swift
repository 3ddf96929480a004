import HTTPMessage

/// The lifecycle of one transfer as a value: events go in, actions come out.
///
/// `Transfer` keeps one behind its lock and performs the returned action after unlocking, so no
/// continuation is resumed and no engine command is sent while the lock is held. The machine is
/// generic over its waiters so that tests drive every transition with plain values, without sockets
/// or continuations.
///
///     waitingForHead ──headReceived──▶ streaming ──completed──▶ finished
///            └───────────────────────completed─────────────────────▲
struct TransferStateMachine<HeadWaiter: Sendable, ChunkWaiter: Sendable, CompletionWaiter: Sendable>: Sendable {
    enum State: Sendable {
        /// Started (or about to be); the status line and headers are not complete yet.
        case waitingForHead(headWaiter: HeadWaiter?)
        /// The head is out; body bytes wait in the buffer for the consumer, or the consumer waits for them.
        /// `paused`: the write callback refused bytes because the buffer was full, so the next read
        /// must resume the transfer. Paused implies a non-empty buffer (an empty one always takes bytes).
        case streaming(head: ResponseHead, paused: Bool, chunkWaiter: ChunkWaiter?)
        /// Completed or removed. Bytes still buffered are handed out before the end or the error.
        case finished(head: ResponseHead?, result: Result<Void, any Error>, metrics: TransferMetrics)
    }

    private(set) var state: State = .waitingForHead(headWaiter: nil)
    /// Kept outside `State` so that appending mutates it in place: a buffer bound out of an enum
    /// payload would be copied on every append.
    private var body = BodyBuffer()
    /// Everyone waiting for the end; emptied when the transfer finishes.
    private var completionWaiters: [CompletionWaiter] = []
    /// Bytes the buffer may hold before the transfer is paused; at least 1, so that an empty buffer
    /// always takes bytes and a waiting consumer is never left with a paused transfer.
    let bufferLimit: Int

    init(bufferLimit: Int) { self.bufferLimit = max(1, bufferLimit) }

    /// Bytes received and not read yet.
    var bufferedBytes: Int { body.count }

    var isFinished: Bool {
        if case .finished = state { return true }
        return false
    }

    // MARK: consumer events

    enum HeadRequestAction: Sendable {
        /// The waiter was kept; it is resumed by a later event.
        case wait
        case deliver(ResponseHead)
        case fail(any Error)
    }

    /// The consumer wants the status line and headers.
    mutating func headRequested(_ waiter: HeadWaiter) -> HeadRequestAction {
        switch state {
        case .waitingForHead(nil):
            state = .waitingForHead(headWaiter: waiter)
            return .wait
        case .waitingForHead(.some):
            return .fail(TransportError(kind: .other, message: "the response head is awaited twice"))
        case .streaming(let head, _, _), .finished(let head?, _, _):
            // A head that arrived wins over a later failure: the body read reports that.
            return .deliver(head)
        case .finished(nil, .failure(let error), _):
            return .fail(error)
        case .finished(nil, .success, _):
            // `completed` gives every successful transfer a head; kept total rather than trapping.
            return .deliver(.headless)
        }
    }

    enum ChunkRequestAction: Sendable {
        /// The waiter was kept; it is resumed by a later event.
        case wait
        /// Everything buffered; `resumeTransfer` when the transfer was paused for want of room.
        case deliver([UInt8], resumeTransfer: Bool)
        /// The body ended.
        case end
        case fail(any Error)
    }

    /// The consumer wants the next piece of the body.
    mutating func chunkRequested(_ waiter: ChunkWaiter) -> ChunkRequestAction {
        switch state {
        case .waitingForHead:
            return .fail(TransportError(kind: .other, message: "the response body was read before its head"))
        case .streaming(_, _, .some):
            return .fail(TransportError(kind: .other, message: "the response body is read by two tasks at once"))
        case .streaming(let head, let paused, nil):
            if body.isEmpty {
                state = .streaming(head: head, paused: paused, chunkWaiter: waiter)
                return .wait
            }
            state = .streaming(head: head, paused: false, chunkWaiter: nil)
            return .deliver(body.takeAll(), resumeTransfer: paused)
        case .finished(_, let result, _):
            if !body.isEmpty { return .deliver(body.takeAll(), resumeTransfer: false) }
            switch result {
            case .success: return .end
            case .failure(let error): return .fail(error)
            }
        }
    }

    enum CompletionRequestAction: Sendable {
        /// The waiter was kept; it is resumed when the transfer finishes.
        case wait
        case resume(TransferMetrics)
    }

    /// Someone (the scope, or a caller reading metrics) waits for the transfer to end.
    mutating func completionRequested(_ waiter: CompletionWaiter) -> CompletionRequestAction {
        if case .finished(_, _, let metrics) = state { return .resume(metrics) }
        completionWaiters.append(waiter)
        return .wait
    }

    enum CancelAction: Sendable, Equatable {
        case none
        /// Ask the engine to remove the transfer; it finishes with `CancellationError`.
        case cancelTransfer
    }

    /// The consuming task was cancelled.
    func cancelRequested() -> CancelAction {
        isFinished ? .none : .cancelTransfer
    }

    // MARK: engine events

    enum HeadReceivedAction: Sendable {
        case none
        case deliverHead(HeadWaiter, ResponseHead)
    }

    /// The header callback completed the head (or the engine supplies one for a reply without it).
    mutating func headReceived(_ head: ResponseHead) -> HeadReceivedAction {
        guard case .waitingForHead(let waiter) = state else {
            // A later header block (trailers) or a head after the end: the head is already out.
            return .none
        }
        state = .streaming(head: head, paused: false, chunkWaiter: nil)
        return waiter.map { .deliverHead($0, head) } ?? .none
    }

    enum BodyReceivedAction: Sendable {
        /// Taken into the buffer.
        case accept
        /// Taken and handed at once to the waiting consumer (with whatever was buffered before).
        case deliverChunk(ChunkWaiter, [UInt8])
        /// Taken; they were the first bytes of a reply without a head, which goes to the head waiter.
        case deliverHead(HeadWaiter, ResponseHead)
        /// Not taken: the buffer is full. Return `CURL_WRITEFUNC_PAUSE`; libcurl offers them again after resuming.
        case pause
    }

    /// The write callback has bytes.
    mutating func bodyReceived(_ bytes: UnsafeRawBufferPointer) -> BodyReceivedAction {
        switch state {
        case .waitingForHead(let waiter):
            // libcurl writes body bytes after the header block, or without one (an HTTP/0.9 reply),
            // so bytes first mean a reply without a head: status 0, as HeadParser reports it.
            body.append(bytes)
            state = .streaming(head: .headless, paused: false, chunkWaiter: nil)
            return waiter.map { .deliverHead($0, .headless) } ?? .accept
        case .streaming(let head, _, let waiter):
            if body.count >= bufferLimit {
                state = .streaming(head: head, paused: true, chunkWaiter: waiter)
                return .pause
            }
            body.append(bytes)
            guard let waiter else { return .accept }
            state = .streaming(head: head, paused: false, chunkWaiter: nil)
            return .deliverChunk(waiter, body.takeAll())
        case .finished:
            // Too late: the handle is gone and nobody reads past the end.
            return .accept
        }
    }

    enum CompletedAction: Sendable {
        /// Already finished; nothing to do.
        case none
        /// Resume whoever waits: the head waiter (when the head never came), the chunk waiter (when the
        /// buffer was empty), and every completion waiter with the metrics.
        case wake(head: (HeadWaiter, Result<ResponseHead, any Error>)?,
                  chunk: (ChunkWaiter, Result<[UInt8]?, any Error>)?,
                  completion: [CompletionWaiter], metrics: TransferMetrics)
    }

    /// The transfer completed, failed, was cancelled or could not start. Only the first call counts.
    mutating func completed(_ result: Result<Void, any Error>, metrics: TransferMetrics) -> CompletedAction {
        if isFinished { return .none }
        let waiters = completionWaiters
        completionWaiters = []
        switch state {
        case .waitingForHead(let waiter):
            let head: ResponseHead? = if case .success = result { .headless } else { nil }
            state = .finished(head: head, result: result, metrics: metrics)
            let headResult = result.map { ResponseHead.headless }
            return .wake(head: waiter.map { ($0, headResult) }, chunk: nil, completion: waiters, metrics: metrics)
        case .streaming(let head, _, let waiter):
            state = .finished(head: head, result: result, metrics: metrics)
            let chunkResult = result.map { [UInt8]?.none }
            return .wake(head: nil, chunk: waiter.map { ($0, chunkResult) }, completion: waiters, metrics: metrics)
        case .finished:
            return .none
        }
    }
}

extension ResponseHead {
    /// What a reply without a status line or headers is taken to have.
    static let headless = ResponseHead(status: 0, headers: HTTPHeaders())
}
