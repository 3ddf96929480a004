import Foundation
import LLMClient
import LLMCore
import Testing
@testable import LLMCommands

/// Circuit breakers kept between processes: restore, changed-only records, merge under a lock, expiry.
struct BreakerStoreTests {
    static func endpoint(_ name: String, _ url: String) -> Endpoint {
        Endpoint(name: name, kind: .openAI, baseURL: url, credential: .none)
    }

    static func path() -> String {
        NSTemporaryDirectory() + "llmctl-breakers-\(UUID().uuidString.prefix(8))/circuits.json"
    }

    @Test func anOpenCircuitComesBackOpenInTheNextProcess() throws {
        let store = BreakerStore(path: Self.path())
        let first = BreakerRegistry()
        let api = Self.endpoint("openai", "https://api.openai.com/v1")
        let policy = BreakerPolicy(threshold: 2, cooldown: .seconds(60))
        for _ in 0..<2 {
            guard case .admitted(let ticket) = first.admit(api, model: "m", policy: policy) else { Issue.record("rejected"); return }
            first.record(.failure, for: ticket)
        }
        store.save(first.changedRecords())

        let second = BreakerRegistry()
        second.restore(store.load())
        guard case .rejected(let snapshot) = second.admit(api, model: "m", policy: policy) else {
            Issue.record("the restored circuit should be open")
            return
        }
        #expect(snapshot.consecutiveFailures == 2)
        #expect((snapshot.retryIn ?? .zero) > .seconds(55))
        #expect(second.changedRecords().isEmpty, "a rejection changes nothing worth writing")
    }

    @Test func savingMergesOnlyWhatThisProcessChanged() {
        let path = Self.path()
        let store = BreakerStore(path: path)
        let now = Date()
        let a = BreakerRecord(endpoint: "a", baseURL: "http://a", failures: 1, openUntil: nil, updated: now)
        let b = BreakerRecord(endpoint: "b", baseURL: "http://b", failures: 3, openUntil: now.addingTimeInterval(30), updated: now)
        store.save([a, b], now: now)
        // Another process closed a's circuit; b stays as it was.
        let aClosed = BreakerRecord(endpoint: "a", baseURL: "http://a", failures: 0, openUntil: nil, updated: now)
        store.save([aClosed], now: now)
        #expect(store.load(now: now).map(\.key) == ["b http://b"])
        // Failures nobody added to for ten minutes are forgotten.
        #expect(store.load(now: now.addingTimeInterval(30 + 601)).isEmpty)
    }

    @Test func aHalfOpenCircuitIsSavedReadyToProbe() throws {
        let store = BreakerStore(path: Self.path())
        let registry = BreakerRegistry()
        let api = Self.endpoint("groq", "https://api.groq.com/openai/v1")
        let policy = BreakerPolicy(threshold: 1, cooldown: .milliseconds(1))
        guard case .admitted(let ticket) = registry.admit(api, model: "m", policy: policy) else { return }
        registry.record(.failure, for: ticket)
        Thread.sleep(forTimeInterval: 0.01)
        guard case .admitted(let probe) = registry.admit(api, model: "m", policy: policy), probe.isProbe else {
            Issue.record("expected the probe")
            return
        }
        store.save(registry.changedRecords())
        let next = BreakerRegistry()
        next.restore(store.load())
        guard case .admitted(let again) = next.admit(api, model: "m", policy: policy) else {
            Issue.record("the next process should probe at once")
            return
        }
        #expect(again.isProbe)
    }

    @Test func unreadableFileMeansNoBreakers() throws {
        let path = Self.path()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try "not json".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(BreakerStore(path: path).load().isEmpty)
    }
}
