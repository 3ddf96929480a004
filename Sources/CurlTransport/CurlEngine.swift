import Foundation
import HTTPMessage
import Synchronization
internal import CCurl

/// The process's HTTP event loop: one libcurl multi handle driven by one dedicated thread.
///
/// Other threads only enqueue commands and call `curl_multi_wakeup`; every curl handle is touched on the
/// engine thread. The multi handle's connection cache is the shared pool: keep-alive connections, HTTP/2
/// multiplexing, DNS cache and TLS sessions are reused by every request of the process.
///
/// `@unchecked Sendable`: `multi` and `active` are used only on the engine thread; the command queue is
/// behind a mutex; `curl_multi_wakeup` is documented as callable from any thread.
public final class CurlEngine: @unchecked Sendable {
    /// The engine every command of the process shares.
    public static let shared = CurlEngine()

    private enum Command {
        case start(Transfer)
        case cancel(Transfer)
        case resume(Transfer)
    }

    private struct Queue {
        var commands: [Command] = []
        var stopping = false
    }

    /// nil when libcurl could not be set up: then `setupError` says why, and every transfer fails with it.
    private let multi: UnsafeMutableRawPointer?
    private let setupError: TransportError?
    private let faults: EngineFaults
    private let queue = Mutex(Queue())
    private let finished = DispatchSemaphore(value: 0)
    private var active: [ObjectIdentifier: Transfer] = [:]
    private let activeCount = Atomic<Int>(0)

    /// Starts an engine thread. `maxHostConnections` 0 means no per-host limit.
    public convenience init(maxHostConnections: Int = 0) {
        self.init(maxHostConnections: maxHostConnections, faults: EngineFaults())
    }

    /// An engine whose libcurl calls fail where `faults` says (tests of the failure paths).
    init(maxHostConnections: Int, faults: EngineFaults) {
        self.faults = faults
        switch Self.makeMulti(maxHostConnections: maxHostConnections, faults: faults) {
        case .success(let multi):
            self.multi = multi
            setupError = nil
        case .failure(let error):
            multi = nil
            setupError = error
            return
        }
        let thread = Thread { [self] in runLoop() }
        thread.name = "llmctl-curl-engine"
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Transfers currently added to the multi handle.
    public var activeTransfers: Int { activeCount.load(ordering: .relaxed) }

    /// libcurl's version string, e.g. `libcurl/7.88.1 OpenSSL/3.0.19 … nghttp2/1.52.0`.
    public static var curlVersion: String { String(cString: curl_version()) }

    /// Cancels what is still running, closes the connection pool and stops the thread. Waits for it.
    public func shutdown() {
        let alreadyStopping = queue.withLock { q -> Bool in
            defer { q.stopping = true }
            return q.stopping
        }
        // Without a multi handle no thread was started, so there is nothing to wait for.
        guard !alreadyStopping, let multi else { return }
        curl_multi_wakeup(multi)
        finished.wait()
    }

    // MARK: commands from any thread

    /// Hands the transfer to the engine thread, or completes it at once with the reason it cannot run.
    func start(_ transfer: Transfer) {
        if let setupError {
            transfer.complete(.failure(setupError), metrics: TransferMetrics(), status: 0)
        } else if !enqueue(.start(transfer)) {
            transfer.complete(.failure(TransportError(kind: .engineStopped, message: "the HTTP engine has shut down")),
                              metrics: TransferMetrics(), status: 0)
        }
    }

    func cancel(_ transfer: Transfer) { _ = enqueue(.cancel(transfer)) }
    func resume(_ transfer: Transfer) { _ = enqueue(.resume(transfer)) }

    private func enqueue(_ command: Command) -> Bool {
        guard let multi else { return false }
        let accepted = queue.withLock { q -> Bool in
            guard !q.stopping else { return false }
            q.commands.append(command)
            return true
        }
        if accepted { curl_multi_wakeup(multi) }
        return accepted
    }

    // MARK: engine thread

    private func runLoop() {
        guard let multi else { return }
        var running: Int32 = 0
        while true {
            if handleCommands(multi) {
                for transfer in Array(active.values) { finish(transfer, result: .failure(CancellationError()), multi) }
                break
            }
            curl_multi_perform(multi, &running)
            readCompletions(multi)
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        curl_multi_cleanup(multi)
        finished.signal()
    }

    /// Runs the queued commands; returns whether the engine is stopping. The batch, and with it the
    /// engine's references to those transfers, is gone when this returns, not after the next poll.
    private func handleCommands(_ multi: UnsafeMutableRawPointer) -> Bool {
        let (commands, stopping) = queue.withLock { q in
            defer { q.commands.removeAll(keepingCapacity: true) }
            return (q.commands, q.stopping)
        }
        for command in commands { handle(command, multi) }
        return stopping
    }

    private func handle(_ command: Command, _ multi: UnsafeMutableRawPointer) {
        switch command {
        case .start(let transfer):
            begin(transfer, multi)
        case .cancel(let transfer):
            if active[ObjectIdentifier(transfer)] != nil { finish(transfer, result: .failure(CancellationError()), multi) }
        case .resume(let transfer):
            guard active[ObjectIdentifier(transfer)] != nil, let easy = transfer.easy else { return }
            // May call the write callback at once with the data libcurl held back, and fail doing so.
            let code = curl_easy_pause(easy.handle, Int32(llmctl_pause_cont()))
            if code != CURLE_OK { finish(transfer, result: .failure(transfer.error(for: code)), multi) }
        }
    }

    private func begin(_ transfer: Transfer, _ multi: UnsafeMutableRawPointer) {
        guard let easy = CurlEasy() else {
            transfer.complete(.failure(TransportError(kind: .other, message: "cannot create a curl handle (out of memory)")),
                              metrics: TransferMetrics(), status: 0)
            return
        }
        let pointer = Unmanaged.passRetained(transfer).toOpaque()
        transfer.easy = easy
        transfer.retained = pointer
        do {
            transfer.headerList = try easy.configure(for: transfer, context: pointer)
        } catch {
            return abandon(transfer, TransportError(kind: .invalidRequest, message: error.message))
        }
        let code = faults.addHandleFails ? CURLM_OUT_OF_MEMORY : curl_multi_add_handle(multi, easy.handle)
        guard code == CURLM_OK else {
            let host = URLParts.authority(of: transfer.request.url)
            let reason = String(cString: curl_multi_strerror(code))
            return abandon(transfer, TransportError(kind: .other, message: "cannot start the request to \(host): libcurl: \(reason)"))
        }
        active[ObjectIdentifier(transfer)] = transfer
        activeCount.store(active.count, ordering: .relaxed)
    }

    /// Releases and fails a transfer that never got into the multi handle.
    private func abandon(_ transfer: Transfer, _ error: TransportError) {
        let (metrics, status) = release(transfer, addedTo: nil) ?? (TransferMetrics(), 0)
        transfer.complete(.failure(error), metrics: metrics, status: status)
    }

    private func readCompletions(_ multi: UnsafeMutableRawPointer) {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            var raw: UnsafeMutableRawPointer?
            guard llmctl_easy_getinfo_pointer(handle, CURLINFO_PRIVATE, &raw) == CURLE_OK, let raw else { continue }
            let transfer = Unmanaged<Transfer>.fromOpaque(raw).takeUnretainedValue()
            finish(transfer, result: code == CURLE_OK ? .success(()) : .failure(transfer.error(for: code)), multi)
        }
    }

    /// Removes a running transfer from the multi handle, releases what it owns and completes it.
    /// Removing a transfer that has not finished closes its own connection only; pooled ones stay.
    private func finish(_ transfer: Transfer, result: Result<Void, any Error>, _ multi: UnsafeMutableRawPointer) {
        guard let (metrics, status) = release(transfer, addedTo: multi) else { return }
        transfer.complete(result, metrics: metrics, status: status)
    }

    /// Releases everything the transfer holds on the engine side, exactly once: a second call finds
    /// nothing and returns nil. Returns libcurl's measurements, read before the handle goes.
    ///
    /// The caller's reference keeps the context alive through the `complete` that follows; the
    /// engine's own reference goes first so waiters never observe it still held.
    private func release(_ transfer: Transfer, addedTo multi: UnsafeMutableRawPointer?) -> (TransferMetrics, Int)? {
        guard let easy = transfer.easy, let pointer = transfer.retained else { return nil }
        let metrics = easy.metrics()
        let status = easy.long(CURLINFO_RESPONSE_CODE)
        if let multi { curl_multi_remove_handle(multi, easy.handle) }
        easy.cleanup()
        curl_slist_free_all(transfer.headerList)
        transfer.easy = nil
        transfer.headerList = nil
        transfer.retained = nil
        if active.removeValue(forKey: ObjectIdentifier(transfer)) != nil {
            activeCount.store(active.count, ordering: .relaxed)
        }
        Unmanaged<Transfer>.fromOpaque(pointer).release()
        return (metrics, status)
    }
}
