@testable import CurlTransport
import HTTPMessage
import Testing

/// Every transition of the transfer lifecycle, without sockets or continuations: waiters are numbers,
/// and each action is compared through `Probe`.
struct TransferStateMachineTests {
    typealias Machine = TransferStateMachine<Int, Int, Int>

    struct Boom: Error, CustomStringConvertible {
        var description: String { "boom" }
    }

    static let ok = ResponseHead(status: 200, headers: ["Content-Type": "text/event-stream"])
    /// Metrics told apart by their port.
    static func metrics(_ port: Int) -> TransferMetrics { TransferMetrics(localPort: port) }

    /// A streaming machine: the head has arrived and nobody waits.
    static func streaming(limit: Int = 1024) -> Machine {
        var machine = Machine(bufferLimit: limit)
        _ = machine.headReceived(ok)
        return machine
    }

    // MARK: head

    @Test func headWaiterIsResumedWhenTheHeadArrives() {
        var machine = Machine(bufferLimit: 16)
        #expect(machine.headRequested(1).probe == .wait)
        #expect(machine.headReceived(Self.ok).probe == .headTo(1, status: 200))
        #expect(machine.state.name == "streaming")
        // Trailers or a second header block change nothing.
        #expect(machine.headReceived(ResponseHead(status: 500, headers: [:])).probe == .none)
        #expect(machine.headRequested(2).probe == .head(status: 200))
    }

    @Test func headThatArrivedFirstIsHandedOutAtOnce() {
        var machine = Machine(bufferLimit: 16)
        #expect(machine.headReceived(Self.ok).probe == .none)
        #expect(machine.headRequested(1).probe == .head(status: 200))
    }

    @Test func secondHeadWaiterFailsInsteadOfReplacingTheFirst() {
        var machine = Machine(bufferLimit: 16)
        #expect(machine.headRequested(1).probe == .wait)
        #expect(machine.headRequested(2).probe == .fail("the response head is awaited twice"))
        #expect(machine.headReceived(Self.ok).probe == .headTo(1, status: 200))
    }

    @Test func failureBeforeTheHeadFailsTheHeadWaiter() {
        var machine = Machine(bufferLimit: 16)
        #expect(machine.headRequested(1).probe == .wait)
        #expect(machine.completed(.failure(Boom()), metrics: Self.metrics(7)).probe
            == .wake(head: "1:fail boom", chunk: nil, completion: [], port: 7))
        #expect(machine.headRequested(2).probe == .fail("boom"))
        #expect(machine.state.name == "finished")
    }

    @Test func successWithoutAnyHeadGivesAHeadlessReply() {
        var machine = Machine(bufferLimit: 16)
        #expect(machine.headRequested(1).probe == .wait)
        #expect(machine.completed(.success(()), metrics: Self.metrics(1)).probe
            == .wake(head: "1:status 0", chunk: nil, completion: [], port: 1))
        #expect(machine.headRequested(2).probe == .head(status: 0))
        #expect(machine.chunkRequested(3).probe == .end)
    }

    @Test func headThatArrivedWinsOverALaterFailure() {
        var machine = Self.streaming()
        _ = machine.completed(.failure(Boom()), metrics: Self.metrics(1))
        #expect(machine.headRequested(1).probe == .head(status: 200))
        #expect(machine.chunkRequested(2).probe == .fail("boom"))
    }

    @Test func bodyBeforeAnyHeadStartsAHeadlessReply() {
        var machine = Machine(bufferLimit: 16)
        #expect(machine.headRequested(1).probe == .wait)
        #expect(machine.bodyReceived(bytes: [1, 2]).probe == .headTo(1, status: 0))
        #expect(machine.chunkRequested(2).probe == .chunk([1, 2], resume: false))
    }

    @Test func bodyBeforeTheHeadWithNobodyWaitingIsKept() {
        var machine = Machine(bufferLimit: 16)
        #expect(machine.bodyReceived(bytes: [1]).probe == .accept)
        #expect(machine.headRequested(1).probe == .head(status: 0))
        #expect(machine.chunkRequested(2).probe == .chunk([1], resume: false))
    }

    // MARK: body

    @Test func chunkReadBeforeTheHeadFails() {
        var machine = Machine(bufferLimit: 16)
        #expect(machine.chunkRequested(1).probe == .fail("the response body was read before its head"))
    }

    @Test func bufferedBytesAreHandedOutTogether() {
        var machine = Self.streaming()
        #expect(machine.bodyReceived(bytes: [1, 2]).probe == .accept)
        #expect(machine.bodyReceived(bytes: [3]).probe == .accept)
        #expect(machine.bufferedBytes == 3)
        #expect(machine.chunkRequested(1).probe == .chunk([1, 2, 3], resume: false))
        #expect(machine.bufferedBytes == 0)
    }

    @Test func waitingConsumerGetsBytesAsTheyArrive() {
        var machine = Self.streaming()
        #expect(machine.chunkRequested(1).probe == .wait)
        #expect(machine.bodyReceived(bytes: [9, 8]).probe == .chunkTo(1, [9, 8]))
        #expect(machine.bufferedBytes == 0)
        #expect(machine.bodyReceived(bytes: [7]).probe == .accept)
    }

    @Test func secondChunkWaiterFails() {
        var machine = Self.streaming()
        #expect(machine.chunkRequested(1).probe == .wait)
        #expect(machine.chunkRequested(2).probe == .fail("the response body is read by two tasks at once"))
        #expect(machine.bodyReceived(bytes: [1]).probe == .chunkTo(1, [1]))
    }

    @Test func fullBufferPausesAndTheNextReadResumes() {
        var machine = Self.streaming(limit: 4)
        #expect(machine.bodyReceived(bytes: [1, 2, 3]).probe == .accept)
        #expect(machine.bodyReceived(bytes: [4, 5]).probe == .accept)  // under the limit before this chunk
        #expect(machine.bodyReceived(bytes: [6]).probe == .pause)       // libcurl offers these again later
        #expect(machine.state.name == "streaming(paused)")
        #expect(machine.bufferedBytes == 5)
        #expect(machine.chunkRequested(1).probe == .chunk([1, 2, 3, 4, 5], resume: true))
        #expect(machine.state.name == "streaming")
        #expect(machine.bodyReceived(bytes: [6]).probe == .accept)
        #expect(machine.chunkRequested(2).probe == .chunk([6], resume: false))
    }

    @Test func emptyBufferAlwaysTakesBytesWhateverTheLimit() {
        var machine = Self.streaming(limit: 0)
        #expect(machine.bodyReceived(bytes: [1]).probe == .accept)
        #expect(machine.bodyReceived(bytes: [2]).probe == .pause)
        #expect(machine.chunkRequested(1).probe == .chunk([1], resume: true))
    }

    // MARK: completion

    @Test func endWakesTheWaitingReaderAndEveryCompletionWaiter() {
        var machine = Self.streaming()
        #expect(machine.completionRequested(10).probe == .wait)
        #expect(machine.completionRequested(11).probe == .wait)
        #expect(machine.chunkRequested(1).probe == .wait)
        #expect(machine.completed(.success(()), metrics: Self.metrics(42)).probe
            == .wake(head: nil, chunk: "1:end", completion: [10, 11], port: 42))
        #expect(machine.completionRequested(12).probe == .metrics(42))
    }

    @Test func failureWakesTheWaitingReaderWithTheError() {
        var machine = Self.streaming()
        #expect(machine.chunkRequested(1).probe == .wait)
        #expect(machine.completed(.failure(CancellationError()), metrics: Self.metrics(1)).probe
            == .wake(head: nil, chunk: "1:fail CancellationError()", completion: [], port: 1))
    }

    @Test func bufferedBytesAreReadBeforeTheEnd() {
        var machine = Self.streaming(limit: 2)
        _ = machine.bodyReceived(bytes: [1, 2])
        _ = machine.bodyReceived(bytes: [3])  // paused
        #expect(machine.completed(.success(()), metrics: Self.metrics(1)).probe
            == .wake(head: nil, chunk: nil, completion: [], port: 1))
        // No resume after the end: the handle is gone.
        #expect(machine.chunkRequested(1).probe == .chunk([1, 2], resume: false))
        #expect(machine.chunkRequested(2).probe == .end)
        #expect(machine.chunkRequested(3).probe == .end)
    }

    @Test func bufferedBytesAreReadBeforeTheError() {
        var machine = Self.streaming()
        _ = machine.bodyReceived(bytes: [1])
        _ = machine.completed(.failure(Boom()), metrics: Self.metrics(1))
        #expect(machine.chunkRequested(1).probe == .chunk([1], resume: false))
        #expect(machine.chunkRequested(2).probe == .fail("boom"))
    }

    @Test func onlyTheFirstCompletionCounts() {
        var machine = Self.streaming()
        _ = machine.completed(.success(()), metrics: Self.metrics(1))
        #expect(machine.completed(.failure(Boom()), metrics: Self.metrics(2)).probe == .none)
        #expect(machine.completionRequested(1).probe == .metrics(1))
        #expect(machine.chunkRequested(2).probe == .end)
    }

    @Test func bytesAfterTheEndGoNowhere() {
        var machine = Self.streaming()
        _ = machine.completed(.success(()), metrics: Self.metrics(1))
        #expect(machine.bodyReceived(bytes: [1]).probe == .accept)
        #expect(machine.bufferedBytes == 0)
        #expect(machine.headReceived(Self.ok).probe == .none)
    }

    // MARK: cancellation

    @Test func cancellingAsksTheEngineOnlyWhileTheTransferRuns() {
        var machine = Machine(bufferLimit: 16)
        #expect(machine.cancelRequested() == .cancelTransfer)
        _ = machine.headReceived(Self.ok)
        #expect(machine.cancelRequested() == .cancelTransfer)
        _ = machine.completed(.failure(CancellationError()), metrics: Self.metrics(1))
        #expect(machine.cancelRequested() == .none)
        #expect(machine.isFinished)
    }
}
