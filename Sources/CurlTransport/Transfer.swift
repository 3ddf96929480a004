import HTTPMessage
import Synchronization
internal import CCurl

/// Everything that belongs to one transfer: the request, the curl handle while it runs, and its
/// lifecycle (`TransferStateMachine`). The engine retains it once when the transfer starts and releases
/// it once when the transfer completes or is removed.
///
/// `@unchecked Sendable`: the curl handle, header list and header parser are touched only on the engine
/// thread; everything the consumer touches is the state machine behind `machine`'s lock.
final class Transfer: @unchecked Sendable {
    typealias Machine = TransferStateMachine<CheckedContinuation<ResponseHead, any Error>,
                                             CheckedContinuation<[UInt8]?, any Error>,
                                             CheckedContinuation<TransferMetrics, Never>>

    let request: HTTPRequestSpec
    let options: TransferOptions

    // Engine thread only.
    var easy: CurlEasy?
    var headerList: UnsafeMutablePointer<curl_slist>?
    var retained: UnsafeMutableRawPointer?
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    var headParser = HeadParser()

    private let machine: Mutex<Machine>
    private let engine: CurlEngine

    init(request: HTTPRequestSpec, options: TransferOptions, engine: CurlEngine) {
        self.request = request
        self.options = options
        self.engine = engine
        self.machine = Mutex(Machine(bufferLimit: options.bufferLimit))
        errorBuffer.initialize(to: 0)
    }

    deinit {
        errorBuffer.deallocate()
    }

    // MARK: consumer side

    /// Waits for the status line and headers.
    func awaitHead() async throws -> ResponseHead {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                switch machine.withLock({ $0.headRequested(continuation) }) {
                case .wait: break
                case .deliver(let head): continuation.resume(returning: head)
                case .fail(let error): continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            self.cancel()
        }
    }

    /// The next piece of the body, nil at its end; throws the transfer's error or `CancellationError`.
    func nextChunk() async throws -> [UInt8]? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                switch machine.withLock({ $0.chunkRequested(continuation) }) {
                case .wait:
                    break
                case .deliver(let data, let resumeTransfer):
                    if resumeTransfer { engine.resume(self) }
                    continuation.resume(returning: data)
                case .end:
                    continuation.resume(returning: nil)
                case .fail(let error):
                    continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            self.cancel()
        }
    }

    /// Waits until the transfer has completed or been removed, and returns what libcurl measured.
    func awaitCompletion() async -> TransferMetrics {
        await withCheckedContinuation { continuation in
            if case .resume(let metrics) = machine.withLock({ $0.completionRequested(continuation) }) {
                continuation.resume(returning: metrics)
            }
        }
    }

    var isComplete: Bool { machine.withLock { $0.isFinished } }

    /// Asks the engine to remove the transfer, unless it has already finished.
    private func cancel() {
        if machine.withLock({ $0.cancelRequested() }) == .cancelTransfer { engine.cancel(self) }
    }

    // MARK: engine side

    /// Takes response bytes from the write callback; false asks libcurl to pause the transfer.
    func receive(_ bytes: UnsafeRawBufferPointer) -> Bool {
        deliverHeadIfNeeded()
        switch machine.withLock({ $0.bodyReceived(bytes) }) {
        case .accept:
            return true
        case .deliverChunk(let waiter, let data):
            waiter.resume(returning: data)
            return true
        case .deliverHead(let waiter, let head):
            waiter.resume(returning: head)
            return true
        case .pause:
            return false
        }
    }

    /// Takes one header line from the header callback.
    func receiveHeader(_ bytes: UnsafeRawBufferPointer) {
        if let head = headParser.consume(bytes) { deliver(head: head) }
    }

    /// Delivers the head when body bytes arrive before a blank header line was seen (HTTP/0.9-like replies).
    private func deliverHeadIfNeeded() {
        guard !headParser.delivered else { return }
        headParser.delivered = true
        deliver(head: ResponseHead(status: headParser.status, headers: headParser.headers))
    }

    private func deliver(head: ResponseHead) {
        if case .deliverHead(let waiter, let head) = machine.withLock({ $0.headReceived(head) }) {
            waiter.resume(returning: head)
        }
    }

    /// Records the end of the transfer and wakes everyone waiting on it. Called once, on the engine thread
    /// (or on the caller's thread for a transfer the engine never took).
    func complete(_ result: Result<Void, any Error>, metrics: TransferMetrics, status: Int) {
        if case .success = result, !headParser.delivered {
            // A reply that ended without a blank header line still has a status (libcurl's response code).
            headParser.delivered = true
            deliver(head: ResponseHead(status: status, headers: headParser.headers))
        }
        guard case .wake(let head, let chunk, let waiters, let metrics)
            = machine.withLock({ $0.completed(result, metrics: metrics) }) else { return }
        if let (waiter, result) = head { waiter.resume(with: result) }
        if let (waiter, result) = chunk { waiter.resume(with: result) }
        for waiter in waiters { waiter.resume(returning: metrics) }
    }
}
