import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LoopbackServer
import Synchronization

/// The test server's answer to each request: control endpoints, the provider route, and the fault
/// applied on the way out. Lives as long as the server; connection threads call it concurrently.
final class MockResponder: LoopbackResponder {
    struct Shared {
        var faults: [MockFault] = []
        var defaultFault: MockFault?
        var log: RequestLog
    }

    let configuration: MockConfiguration
    let shared: Mutex<Shared>
    let signals = MockSignals()
    let gate = MockGate()

    init(configuration: MockConfiguration) {
        self.configuration = configuration
        shared = Mutex(Shared(log: RequestLog(limit: configuration.recordLimit)))
    }

    func serve(_ request: HTTPRequest, on connection: Connection) -> Bool {
        let server = connection.server
        if request.path.hasPrefix("/__mock/") {
            return connection.send(ControlEndpoints.handle(request, server: server, responder: self), for: request)
        }
        server.requests.add(1, ordering: .relaxed)
        record(request)
        signals.changed()
        // Early disconnects are counted while answering; waiters hear of them once it is done.
        defer { signals.changed() }
        let serial = server.serial.add(1, ordering: .relaxed).newValue
        let json = JSONText.object(request.body)
        let fault = modelFault(json: json, path: String(request.path)) ?? nextFault()
        if let release = gate.releaseFD, !pause(connection, for: MockGate.maximumHold, releaseFD: release) {
            return false
        }
        if let delay = fault.firstByteDelay, delay > .zero, !pause(connection, for: delay) { return false }
        let ctx = RequestContext(request: request, configuration: configuration, fault: fault,
                                 serial: serial, json: json)
        var response: MockResponse
        switch Router.route(request) {
        case .answer(let answer):
            response = answer
        case .provider(let provider):
            if let refused = provider.validate(ctx) {
                response = refused
            } else if let status = fault.status {
                response = fault.body.map { .json(status, $0) } ?? provider.error(status: status, ctx)
            } else {
                response = provider.respond(ctx)
            }
        }
        response = response.adding(fault.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        // The path only: Gemini clients may put the API key in the query.
        log("\(request.method) \(request.path) -> \(response.status)")
        return answer(request, with: response, fault: fault, serial: serial, on: connection)
    }

    /// Pauses before answering; false when the connection must end instead (client gone, stopping).
    private func pause(_ connection: Connection, for duration: Duration, releaseFD: Int32 = -1) -> Bool {
        switch connection.pause(duration, releaseFD: releaseFD) {
        case .elapsed: return true
        case .peerClosed:
            connection.server.early.add(1, ordering: .relaxed)
            return false
        case .stopping: return false
        }
    }

    /// Writes a response with the fault's write splitting, stream shape, or truncation applied.
    private func answer(_ request: HTTPRequest, with response: MockResponse, fault: MockFault, serial: Int,
                        on connection: Connection) -> Bool {
        let splitter = fault.splitWrites
            ? RandomSplit(maxBytes: fault.splitMaxBytes, seed: UInt64(truncatingIfNeeded: serial)) : nil
        if case .full(let status, let headers, let body) = response, fault.dropAfterTokens != nil {
            // A non-streamed reply cut in half: fewer bytes than Content-Length promised.
            let sent = request.method == "HEAD" ? [] : body
            let writer = connection.makeWriter(for: request, splitter: splitter)
            writer.head(status: status, headers: headers, contentLength: sent.count, close: request.wantsClose)
            writer.body(Array(sent.prefix(sent.count / 2)))
            writer.flush()
            return false
        }
        return connection.send(response, for: request, splitter: splitter,
                               shape: fault.streamShape(for: response, configuration: configuration))
    }

    /// The configured fault of the model this request names, if any.
    private func modelFault(json: [String: Any]?, path: String) -> MockFault? {
        guard !configuration.modelFaults.isEmpty else { return nil }
        if let model = json?["model"] as? String, let fault = configuration.modelFaults[model] { return fault }
        let decoded = path.removingPercentEncoding ?? path
        return configuration.modelFaults.first { decoded.contains("/\($0.key)") }?.value
    }

    /// The fault for the next request: the queue first, then the default.
    func nextFault() -> MockFault {
        shared.withLock { state in
            state.faults.isEmpty ? (state.defaultFault ?? .none) : state.faults.removeFirst()
        }
    }

    func record(_ request: HTTPRequest) {
        let entry = RecordedRequest(method: request.method, target: request.target,
                                    headers: request.headers, body: request.body,
                                    proxiedAuthority: request.proxiedAuthority)
        shared.withLock { $0.log.append(entry) }
    }

    /// Counters, recorded requests and faults back to those of a fresh server.
    func reset(_ server: ServerCore, faults: Bool) {
        server.resetCounters()
        shared.withLock { state in
            state.log.removeAll()
            if faults {
                state.faults.removeAll()
                state.defaultFault = nil
            }
        }
    }

    func log(_ line: @autoclosure () -> String) {
        guard !configuration.quiet else { return }
        // One write(2) per line, so lines from concurrent connections never interleave.
        let bytes = Array("mock-providers: \(line())\n".utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
