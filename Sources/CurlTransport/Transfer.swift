import Synchronization
internal import CCurl

/// The status line and headers of a response, known before its body.
struct ResponseHead: Sendable {
    var status: Int
    var headers: [HeaderField]
}

/// Everything that belongs to one transfer: the request, the curl handle while it runs, the body buffer
/// and the waiting consumer. The engine retains it once when the transfer starts and releases it once when
/// the transfer completes or is removed.
///
/// `@unchecked Sendable`: the curl handle, header list and header parser are touched only on the engine
/// thread; everything the consumer touches is inside `state`.
final class Transfer: @unchecked Sendable {
    let request: TransportRequest
    let options: TransferOptions

    // Engine thread only.
    var easy: CurlEasy?
    var headerList: UnsafeMutablePointer<curl_slist>?
    var retained: UnsafeMutableRawPointer?
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    var headParser = HeadParser()

    private let state = Mutex(State())
    private let engineRef: CurlEngine?

    /// Transfer contexts alive in this process; tests use it to prove none leak.
    static let live = Atomic<Int>(0)

    struct State {
        var head: ResponseHead?
        var headWaiter: CheckedContinuation<ResponseHead, any Error>?
        var chunks: [[UInt8]] = []
        var buffered = 0
        var bodyWaiter: CheckedContinuation<[UInt8]?, any Error>?
        var paused = false
        var completion: Result<Void, any Error>?
        var metrics: TransferMetrics?
        var completionWaiters: [CheckedContinuation<TransferMetrics, Never>] = []
    }

    init(request: TransportRequest, options: TransferOptions, engine: CurlEngine) {
        self.request = request
        self.options = options
        self.engineRef = engine
        errorBuffer.initialize(to: 0)
        Self.live.add(1, ordering: .relaxed)
    }

    deinit {
        errorBuffer.deallocate()
        Self.live.subtract(1, ordering: .relaxed)
    }

    // MARK: consumer side

    /// Waits for the status line and headers.
    func awaitHead() async throws -> ResponseHead {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let ready: Result<ResponseHead, any Error>? = state.withLock { s in
                    if let head = s.head { return .success(head) }
                    if case .failure(let error)? = s.completion { return .failure(error) }
                    s.headWaiter = continuation
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            self.engineRef?.cancel(self)
        }
    }

    /// The next piece of the body, nil at its end; throws the transfer's error or `CancellationError`.
    func nextChunk() async throws -> [UInt8]? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                var resumeTransfer = false
                let ready: Result<[UInt8]?, any Error>? = state.withLock { s in
                    if !s.chunks.isEmpty {
                        resumeTransfer = s.paused
                        s.paused = false
                        return .success(Self.drain(&s))
                    }
                    switch s.completion {
                    case .success?: return .success(nil)
                    case .failure(let error)?: return .failure(error)
                    case nil:
                        s.bodyWaiter = continuation
                        return nil
                    }
                }
                if resumeTransfer { self.engineRef?.resume(self) }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            self.engineRef?.cancel(self)
        }
    }

    /// Waits until the transfer has completed or been removed, and returns what libcurl measured.
    func awaitCompletion() async -> TransferMetrics {
        await withCheckedContinuation { continuation in
            let metrics: TransferMetrics? = state.withLock { s in
                if s.completion != nil { return s.metrics ?? TransferMetrics() }
                s.completionWaiters.append(continuation)
                return nil
            }
            if let metrics { continuation.resume(returning: metrics) }
        }
    }

    var isComplete: Bool { state.withLock { $0.completion != nil } }

    private static func drain(_ s: inout State) -> [UInt8] {
        var data: [UInt8]
        if s.chunks.count == 1 {
            data = s.chunks[0]
        } else {
            data = []
            data.reserveCapacity(s.buffered)
            for chunk in s.chunks { data.append(contentsOf: chunk) }
        }
        s.chunks.removeAll(keepingCapacity: true)
        s.buffered = 0
        return data
    }

    // MARK: engine side

    /// A byte-array copy done with memcpy (the generic initialiser is slow in unoptimised builds).
    private static func copy(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
            if let base = bytes.baseAddress, let target = buffer.baseAddress {
                target.update(from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
            }
            count = bytes.count
        }
    }

    /// Takes response bytes from the write callback; false asks libcurl to pause the transfer.
    func receive(_ bytes: UnsafeRawBufferPointer) -> Bool {
        deliverHeadIfNeeded()
        var waiter: CheckedContinuation<[UInt8]?, any Error>?
        var data: [UInt8] = []
        let accepted = state.withLock { s -> Bool in
            if s.buffered >= options.bufferLimit {
                s.paused = true
                return false
            }
            s.chunks.append(Self.copy(bytes))
            s.buffered += bytes.count
            if let w = s.bodyWaiter {
                s.bodyWaiter = nil
                waiter = w
                data = Self.drain(&s)
            }
            return true
        }
        waiter?.resume(returning: data)
        return accepted
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
        let waiter: CheckedContinuation<ResponseHead, any Error>? = state.withLock { s in
            s.head = head
            defer { s.headWaiter = nil }
            return s.headWaiter
        }
        waiter?.resume(returning: head)
    }

    /// Records the end of the transfer and wakes everyone waiting on it. Called once, on the engine thread.
    func complete(_ result: Result<Void, any Error>, metrics: TransferMetrics, status: Int) {
        if case .success = result, !headParser.delivered {
            headParser.delivered = true
            deliver(head: ResponseHead(status: status, headers: headParser.headers))
        }
        let (headWaiter, bodyWaiter, waiters) = state.withLock { s in
            s.completion = result
            s.metrics = metrics
            defer {
                s.headWaiter = nil
                s.bodyWaiter = nil
                s.completionWaiters = []
            }
            return (s.headWaiter, s.bodyWaiter, s.completionWaiters)
        }
        switch result {
        case .success:
            bodyWaiter?.resume(returning: nil)
        case .failure(let error):
            headWaiter?.resume(throwing: error)
            bodyWaiter?.resume(throwing: error)
        }
        for waiter in waiters { waiter.resume(returning: metrics) }
    }
}
