@testable import CurlTransport
import Foundation
import HTTPMessage
import LLMCore
import MockProviders
import Testing

/// The two known incidents, proven impossible: evicting a connection from the cache, or cancelling
/// one stream of a multiplexed connection, never kills a request that is still using it.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct EvictionIncidentTests {
    /// With a connection cache of one, a long stream keeps streaming, intact, while 20 requests to 20
    /// other servers fill and evict the cache.
    @Test func evictionNeverKillsAnInFlightStream() async throws {
        let long = try MockServer(configuration: .init(tokens: 150, tokenDelay: .milliseconds(8)))
        try long.start()
        defer { long.stop() }
        var others: [MockServer] = []
        for _ in 0..<20 {
            let server = try MockServer(configuration: .init(tokens: 3))
            try server.start()
            others.append(server)
        }
        defer { for server in others { server.stop() } }
        var faults = EngineFaults()
        faults.connectionCacheSize = 1
        let engine = CurlEngine(maxHostConnections: 0, faults: faults)
        defer { engine.shutdown() }

        let streaming = Task {
            try await engine.withScope { client in
                let response = try await client.send(EngineTests.chatRequest(long, "the long one"))
                var bytes: [UInt8] = []
                for try await chunk in response.body { bytes += chunk }
                return (bytes, await response.metrics())
            }
        }
        // The short requests run while the long stream is in flight (it takes over a second).
        #expect(await long.waitForRequests(1))
        var evictingOpened = 0
        for server in others {
            let reused = try await engine.withScope { client in
                let response = try await client.send(EngineTests.chatRequest(server, "short"))
                _ = try await response.readAll()
                return await response.metrics().reusedConnection
            }
            if !reused { evictingOpened += 1 }
        }
        let (bytes, metrics) = try await streaming.value
        #expect(evictingOpened == 20, "each short request opened (and then cached, evicting) a connection")
        // Intact: every token delta, the finish chunk and the end marker, decoded as one whole reply.
        var decoder = OpenAIStreamDecoder()
        var reply = ReplyAssembler()
        reply.apply(try decoder.decode(bytes))
        reply.apply(try decoder.finish())
        #expect(reply.text.split(separator: " ").count == 150, "\(reply.text.count) characters")
        #expect(reply.finishReason == "stop")
        #expect(!metrics.reusedConnection)
        #expect(long.acceptedConnections == 1)
    }
}
