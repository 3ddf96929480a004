@testable import CurlTransport

/// An action of `TransferStateMachine<Int, Int, Int>` reduced to something `#expect` can compare:
/// waiters are numbers, heads their status, errors their description, metrics their port.
enum Probe: Equatable {
    case none, wait, accept, pause, end
    /// The head, to the caller that asked.
    case head(status: Int)
    /// The head, to waiter n.
    case headTo(Int, status: Int)
    /// Bytes to the caller that asked, and whether to resume the transfer.
    case chunk([UInt8], resume: Bool)
    /// Bytes to waiter n.
    case chunkTo(Int, [UInt8])
    /// Metrics to the caller that asked.
    case metrics(Int)
    case fail(String)
    /// What completion wakes: "waiter:outcome" for the head and chunk waiters, then the completion waiters.
    case wake(head: String?, chunk: String?, completion: [Int], port: Int)
}

typealias TestMachine = TransferStateMachine<Int, Int, Int>

extension TestMachine {
    /// Feeds bytes as the write callback would.
    mutating func bodyReceived(bytes: [UInt8]) -> BodyReceivedAction {
        bytes.withUnsafeBytes { bodyReceived($0) }
    }
}

extension TestMachine.State {
    /// The state's name, with `(paused)` for a paused stream.
    var name: String {
        switch self {
        case .waitingForHead: "waitingForHead"
        case .streaming(_, let paused, _): paused ? "streaming(paused)" : "streaming"
        case .finished: "finished"
        }
    }
}

private func describe(_ error: any Error) -> String { String(describing: error) }

private func outcome(_ waiter: Int, _ result: Result<ResponseHead, any Error>) -> String {
    switch result {
    case .success(let head): "\(waiter):status \(head.status)"
    case .failure(let error): "\(waiter):fail \(describe(error))"
    }
}

private func outcome(_ waiter: Int, _ result: Result<[UInt8]?, any Error>) -> String {
    switch result {
    case .success(nil): "\(waiter):end"
    case .success(let bytes?): "\(waiter):bytes \(bytes)"
    case .failure(let error): "\(waiter):fail \(describe(error))"
    }
}

extension TestMachine.HeadRequestAction {
    var probe: Probe {
        switch self {
        case .wait: .wait
        case .deliver(let head): .head(status: head.status)
        case .fail(let error): .fail(describe(error))
        }
    }
}

extension TestMachine.ChunkRequestAction {
    var probe: Probe {
        switch self {
        case .wait: .wait
        case .deliver(let bytes, let resume): .chunk(bytes, resume: resume)
        case .end: .end
        case .fail(let error): .fail(describe(error))
        }
    }
}

extension TestMachine.CompletionRequestAction {
    var probe: Probe {
        switch self {
        case .wait: .wait
        case .resume(let metrics): .metrics(metrics.localPort)
        }
    }
}

extension TestMachine.HeadReceivedAction {
    var probe: Probe {
        switch self {
        case .none: .none
        case .deliverHead(let waiter, let head): .headTo(waiter, status: head.status)
        }
    }
}

extension TestMachine.BodyReceivedAction {
    var probe: Probe {
        switch self {
        case .accept: .accept
        case .deliverChunk(let waiter, let bytes): .chunkTo(waiter, bytes)
        case .deliverHead(let waiter, let head): .headTo(waiter, status: head.status)
        case .pause: .pause
        }
    }
}

extension TestMachine.CompletedAction {
    var probe: Probe {
        switch self {
        case .none:
            .none
        case .wake(let head, let chunk, let completion, let metrics):
            .wake(head: head.map { outcome($0.0, $0.1) }, chunk: chunk.map { outcome($0.0, $0.1) },
                  completion: completion, port: metrics.localPort)
        }
    }
}
