import Foundation
import Synchronization

import LoopbackServer

/// `/__mock/…`: fault queue, reset and counters for a server running in another process.
///
/// - `POST /__mock/faults`: a JSON array of faults (or one fault object), queued in order.
/// - `POST /__mock/default-fault`: one fault object, or `null` to clear it.
/// - `POST /__mock/reset`: counters, recorded requests and faults back to a fresh server.
/// - `GET /__mock/stats`: `{"accepted_connections":N,"requests":N,"open_connections":N,"disconnected_early":N}`.
enum ControlEndpoints {
    static func handle(_ request: HTTPRequest, server core: ServerCore, responder: MockResponder) -> MockResponse {
        switch (request.method, String(request.path)) {
        case ("GET", "/__mock/stats"), ("POST", "/__mock/stats"):
            let pending = responder.shared.withLock { $0.faults.count }
            return .json(200, #"{"accepted_connections":\#(core.accepted.load(ordering: .relaxed)),"#
                + #""requests":\#(core.requests.load(ordering: .relaxed)),"#
                + #""open_connections":\#(core.open.load(ordering: .relaxed)),"#
                + #""disconnected_early":\#(core.early.load(ordering: .relaxed)),"#
                + #""pending_faults":\#(pending),"port":\#(core.port)}"#)
        case ("POST", "/__mock/faults"):
            let data = Data(request.body)
            let decoder = JSONDecoder()
            let faults: [MockFault]
            if let many = try? decoder.decode([MockFault].self, from: data) {
                faults = many
            } else if let one = try? decoder.decode(MockFault.self, from: data) {
                faults = [one]
            } else {
                return .json(400, #"{"error":"expected a JSON array of faults"}"#)
            }
            responder.shared.withLock { $0.faults.append(contentsOf: faults) }
            return .json(200, #"{"queued":\#(faults.count)}"#)
        case ("POST", "/__mock/default-fault"):
            let text = String(decoding: request.body, as: UTF8.self).trimmingSpaces
            if text.isEmpty || text == "null" {
                responder.shared.withLock { $0.defaultFault = nil }
                return .json(200, #"{"default_fault":null}"#)
            }
            guard let fault = try? JSONDecoder().decode(MockFault.self, from: Data(request.body)) else {
                return .json(400, #"{"error":"expected one fault object or null"}"#)
            }
            responder.shared.withLock { $0.defaultFault = fault }
            return .json(200, #"{"default_fault":\#(String(decoding: request.body, as: UTF8.self))}"#)
        case ("POST", "/__mock/reset"):
            responder.reset(core, faults: true)
            return .json(200, #"{"reset":true}"#)
        default:
            return .json(404, #"{"error":"unknown control endpoint"}"#)
        }
    }
}
