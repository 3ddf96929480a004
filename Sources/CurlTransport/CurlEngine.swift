import Foundation
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
        var stopped = false
    }

    private let multi: UnsafeMutableRawPointer
    private let queue = Mutex(Queue())
    private let finished = DispatchSemaphore(value: 0)
    private var active: [ObjectIdentifier: Transfer] = [:]
    private let activeCount = Atomic<Int>(0)

    private static let globalInit: Bool = curl_global_init(llmctl_global_default()) == CURLE_OK

    /// Starts an engine thread. `maxHostConnections` 0 means no per-host limit.
    public init(maxHostConnections: Int = 0) {
        _ = Self.globalInit
        // curl_multi_init fails only when out of memory; there is nothing useful to do then.
        guard let multi = curl_multi_init() else { preconditionFailure("curl_multi_init failed: out of memory") }
        self.multi = multi
        _ = llmctl_multi_setopt_long(multi, CURLMOPT_PIPELINING, llmctl_pipe_multiplex())
        // libcurl's default keeps only 4 x (transfers running) idle connections, so a dip in
        // concurrency closes pooled connections that are reopened a moment later.
        _ = llmctl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, 256)
        if maxHostConnections > 0 {
            _ = llmctl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, maxHostConnections)
        }
        let thread = Thread { [self] in runLoop() }
        thread.name = "llmctl-curl-engine"
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Transfers currently added to the multi handle.
    public var activeTransfers: Int { activeCount.load(ordering: .relaxed) }

    /// Transfer contexts alive in the process (started, running or not yet released).
    public static var liveTransferContexts: Int { Transfer.live.load(ordering: .relaxed) }

    /// libcurl's version string, e.g. `libcurl/7.88.1 OpenSSL/3.0.19 … nghttp2/1.52.0`.
    public static var curlVersion: String { String(cString: curl_version()) }

    /// Cancels what is still running, closes the connection pool and stops the thread. Waits for it.
    public func shutdown() {
        let alreadyStopping = queue.withLock { q -> Bool in
            defer { q.stopping = true }
            return q.stopping
        }
        guard !alreadyStopping else { return }
        curl_multi_wakeup(multi)
        finished.wait()
    }

    // MARK: commands from any thread

    func start(_ transfer: Transfer) -> Bool { enqueue(.start(transfer)) }
    func cancel(_ transfer: Transfer) { _ = enqueue(.cancel(transfer)) }
    func resume(_ transfer: Transfer) { _ = enqueue(.resume(transfer)) }

    private func enqueue(_ command: Command) -> Bool {
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
        var running: Int32 = 0
        while true {
            let (commands, stopping) = queue.withLock { q in
                defer { q.commands.removeAll(keepingCapacity: true) }
                return (q.commands, q.stopping)
            }
            for command in commands { handle(command) }
            if stopping {
                for transfer in Array(active.values) { finish(transfer, result: .failure(CancellationError())) }
                break
            }
            curl_multi_perform(multi, &running)
            readCompletions()
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        curl_multi_cleanup(multi)
        queue.withLock { $0.stopped = true }
        finished.signal()
    }

    private func handle(_ command: Command) {
        switch command {
        case .start(let transfer):
            begin(transfer)
        case .cancel(let transfer):
            if active[ObjectIdentifier(transfer)] != nil { finish(transfer, result: .failure(CancellationError())) }
        case .resume(let transfer):
            if active[ObjectIdentifier(transfer)] != nil, let easy = transfer.easy {
                // May call the write callback at once with the data libcurl held back.
                curl_easy_pause(easy.handle, Int32(llmctl_pause_cont()))
            }
        }
    }

    private func begin(_ transfer: Transfer) {
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
            transfer.easy = nil
            transfer.retained = nil
            easy.cleanup()
            Unmanaged<Transfer>.fromOpaque(pointer).release()
            transfer.complete(.failure(TransportError(kind: .invalidRequest, message: error.message)),
                              metrics: TransferMetrics(), status: 0)
            return
        }
        active[ObjectIdentifier(transfer)] = transfer
        activeCount.store(active.count, ordering: .relaxed)
        curl_multi_add_handle(multi, easy.handle)
    }

    private func readCompletions() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            var raw: UnsafeMutableRawPointer?
            guard llmctl_easy_getinfo_pointer(handle, CURLINFO_PRIVATE, &raw) == CURLE_OK, let raw else { continue }
            let transfer = Unmanaged<Transfer>.fromOpaque(raw).takeUnretainedValue()
            if code == CURLE_OK {
                finish(transfer, result: .success(()))
            } else {
                let detail = String(cString: transfer.errorBuffer)
                finish(transfer, result: .failure(TransportError.from(code: code, detail: detail, url: transfer.request.url)))
            }
        }
    }

    /// Removes the transfer from the multi handle and releases everything it owns, exactly once.
    /// Removing a transfer that has not finished closes its own connection only; pooled ones stay.
    private func finish(_ transfer: Transfer, result: Result<Void, any Error>) {
        guard let easy = transfer.easy, let pointer = transfer.retained else { return }
        let metrics = easy.metrics()
        let status = easy.long(CURLINFO_RESPONSE_CODE)
        curl_multi_remove_handle(multi, easy.handle)
        easy.cleanup()
        curl_slist_free_all(transfer.headerList)
        transfer.easy = nil
        transfer.headerList = nil
        transfer.retained = nil
        active[ObjectIdentifier(transfer)] = nil
        activeCount.store(active.count, ordering: .relaxed)
        // The caller's reference keeps the context alive through `complete`; the engine's own
        // reference goes first so waiters never observe it still held.
        Unmanaged<Transfer>.fromOpaque(pointer).release()
        transfer.complete(result, metrics: metrics, status: status)
    }
}
