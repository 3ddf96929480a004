import Foundation
import LLMClient
import LLMCore
import MockProviders
import Synchronization
import Testing
@testable import LLMCommands

/// `ResilientClient` against a real MockServer over loopback: breaker recovery, injected waits,
/// cancellation during a backoff. (LLMClient-level, so the breaker can be watched across requests.)
@Suite(.serialized)
struct ResilienceClientTests {
    static func start(_ configuration: MockConfiguration = .init()) throws -> MockServer {
        let server = try MockServer(configuration: configuration)
        try server.start()
        return server
    }

    static func candidate(_ server: MockServer, name: String = "openai") -> ResolvedModel {
        let endpoint = Endpoint(name: name, kind: .openAI, baseURL: server.baseURL + "/v1",
                                credential: .apiKey(Secret("sk-test-0123456789"), source: "TEST_KEY"))
        return ResolvedModel(ref: ModelRef(provider: name, model: "gpt-4o-mini"), endpoint: endpoint)
    }

    static let chat = TestContext.chat

    static func request() -> ChatRequest {
        ChatRequest(model: ModelRef(provider: "openai", model: "gpt-4o-mini"), messages: [ChatMessage(role: .user, content: "hi")])
    }

    /// Records the waits instead of sleeping, so retry tests take no time.
    final class Waits: Sendable {
        let list = Mutex<[Duration]>([])
        var all: [Duration] { list.withLock { $0 } }
    }

    /// The breakers' clock, moved by the test: a cooldown passes when the test says so, not after a sleep.
    final class ManualClock: Sendable {
        private let instant = Mutex(ContinuousClock.now)
        var now: ContinuousClock.Instant { instant.withLock { $0 } }
        func advance(by duration: Duration) { instant.withLock { $0 += duration } }
    }

    /// Waits for the first value of `stream`: true, or false when `timeout` passes first.
    static func first(of stream: AsyncStream<Void>, within timeout: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                var values = stream.makeAsyncIterator()
                return await values.next() != nil
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    @Test func breakerOpensFailsFastAndRecoversAfterTheCooldown() async throws {
        let server = try Self.start()
        defer { server.stop() }
        server.setDefaultFault(.http(503))
        let clock = ManualClock()
        let client = ResilientClient(client: Self.chat, breakers: BreakerRegistry(now: { clock.now }))
        let policy = ResiliencePolicy(retry: RetryPolicy(maxRetries: 0),
                                      breaker: BreakerPolicy(threshold: 2, cooldown: .seconds(30)))
        let candidate = Self.candidate(server)
        for _ in 0..<2 {
            await #expect(throws: ChatFailure.self) { try await client.send(Self.request(), candidates: [candidate], policy: policy) }
        }
        #expect(client.breakerStates().values.first?.phase == .open)

        // Open: refused without a request.
        do throws(ChatFailure) {
            _ = try await client.send(Self.request(), candidates: [candidate], policy: policy)
            Issue.record("expected a fail-fast error")
        } catch {
            guard case .circuitOpen(let open) = error.error.cause else { throw error }
            #expect(open.message.contains("openai:gpt-4o-mini circuit open after 2 consecutive failures; retrying after"))
            #expect(error.partial.stats.attempts.map(\.outcome) == [.circuitOpen])
        }
        #expect(server.requestsServed == 2)

        // Still open just before the cooldown ends; after it one probe goes, the server has recovered,
        // so the circuit closes.
        clock.advance(by: .seconds(29))
        await #expect(throws: ChatFailure.self) { try await client.send(Self.request(), candidates: [candidate], policy: policy) }
        #expect(server.requestsServed == 2)
        server.setDefaultFault(nil)
        clock.advance(by: .seconds(1))
        let result = try await client.send(Self.request(), candidates: [candidate], policy: policy)
        #expect(!result.text.isEmpty)
        #expect(server.requestsServed == 3)
        let snapshot = try #require(client.breakerStates()[BreakerRegistry.key(for: candidate.endpoint, model: candidate.ref.model)])
        #expect(snapshot.phase == .closed)
        #expect(snapshot.consecutiveFailures == 0)
    }

    @Test func failedProbeReopens() async throws {
        let server = try Self.start()
        defer { server.stop() }
        server.setDefaultFault(.http(500))
        let clock = ManualClock()
        let client = ResilientClient(client: Self.chat, breakers: BreakerRegistry(now: { clock.now }))
        let policy = ResiliencePolicy(retry: RetryPolicy(maxRetries: 0),
                                      breaker: BreakerPolicy(threshold: 1, cooldown: .seconds(30)))
        let candidate = Self.candidate(server)
        await #expect(throws: ChatFailure.self) { try await client.send(Self.request(), candidates: [candidate], policy: policy) }
        clock.advance(by: .seconds(30))
        await #expect(throws: ChatFailure.self) { try await client.send(Self.request(), candidates: [candidate], policy: policy) }
        #expect(server.requestsServed == 2)
        #expect(client.breakerStates().values.first?.phase == .open)
    }

    @Test func waitsFollowFullJitterWithInjectedRandomness() async throws {
        let server = try Self.start()
        defer { server.stop() }
        server.setDefaultFault(.http(502))
        let waits = Waits()
        let client = ResilientClient(client: Self.chat, breakers: BreakerRegistry(), random: { 0.5 },
                                     sleep: { delay in waits.list.withLock { $0.append(delay) } })
        let notes = Mutex<[String]>([])
        do throws(ChatFailure) {
            _ = try await client.send(Self.request(), candidates: [Self.candidate(server)],
                                      policy: ResiliencePolicy(retry: RetryPolicy(maxRetries: 3))) { _ in } onNote: { note in
                notes.withLock { $0.append(note.description) }
            }
            Issue.record("expected a failure")
        } catch {
            #expect(error.partial.stats.attempts.count == 4)
            #expect(error.partial.stats.attempts.map(\.waitedMs) == [0, 250, 500, 1000])
        }
        #expect(waits.all == [.milliseconds(250), .milliseconds(500), .seconds(1)])
        #expect(server.requestsServed == 4)
        let lines = notes.withLock { $0 }
        #expect(lines.first == "HTTP 502 from openai, retrying in 250 ms (attempt 2 of 4)")
        #expect(lines.last == "openai:gpt-4o-mini: giving up after 4 attempts")
    }

    @Test func cancellingDuringABackoffWaitEndsAtOnce() async throws {
        let server = try Self.start()
        defer { server.stop() }
        server.enqueueFaults([.http(429, retryAfter: .seconds(30))])
        let client = ResilientClient(client: Self.chat, breakers: BreakerRegistry())
        let candidate = Self.candidate(server)
        // The client announces the retry just before it starts waiting: the signal to cancel on.
        let (backingOff, announce) = AsyncStream.makeStream(of: Void.self)
        let task = Task { () -> ChatError? in
            do throws(ChatFailure) {
                _ = try await client.send(Self.request(), candidates: [candidate]) { _ in } onNote: { note in
                    if case .retrying = note { announce.yield() }
                }
                return nil
            } catch {
                return error.error
            }
        }
        #expect(await Self.first(of: backingOff, within: .seconds(10)), "the client never started its backoff")
        let cancelled = ContinuousClock.now
        task.cancel()
        let error = await task.value
        // The retry-after is 30 s; "at once" leaves room for a loaded machine.
        #expect(ContinuousClock.now - cancelled < .seconds(2))
        #expect(error?.isCancellation == true)
        #expect(server.requestsServed == 1)
    }

    @Test func answeringModelAndCallTimelineAfterFallback() async throws {
        let broken = try Self.start()
        let healthy = try Self.start(.init(replyText: "hello from b"))
        defer { broken.stop(); healthy.stop() }
        broken.setDefaultFault(.http(401))
        let client = ResilientClient(client: Self.chat, breakers: BreakerRegistry())
        let a = Self.candidate(broken, name: "a")
        let b = Self.candidate(healthy, name: "b")
        let result = try await client.send(Self.request(), candidates: [a, b])
        #expect(result.text == "hello from b")
        #expect(result.model.provider == "b")
        #expect(result.stats.provider == "b")
        #expect(result.stats.attempts.map(\.model) == ["a:gpt-4o-mini", "b:gpt-4o-mini"])
        #expect(result.stats.attempts.first?.status == 401)
        #expect(result.stats.attempts.last?.reusedConnection == false)
        #expect(broken.requestsServed == 1)
    }
}
