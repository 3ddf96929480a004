import Foundation
import LLMCore

/// Keeps circuit breakers between processes in one small JSON file, so that a script calling
/// `llmctl ask` in a loop fails fast against a dead endpoint and `llmctl models` can show the state.
///
/// Each process reads the file once at start and, at exit, merges back only the breakers it changed,
/// under an exclusive `flock`, so concurrent llmctl processes do not undo each other's updates.
/// The file holds endpoint names, base URLs, counts and times: nothing secret. Failures are best
/// effort: a breaker that cannot be saved is only a breaker that starts closed next time.
public struct BreakerStore: Sendable {
    public let path: String

    /// `path` is normally `<state directory>/circuits.json`.
    public init(path: String) { self.path = path }

    /// The records worth keeping; none when the file is missing or unreadable.
    public func load(now: Date = Date()) -> [BreakerRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return Self.decode(data).filter { $0.isWorthKeeping(at: now) }
    }

    /// Merges `changed` into the file (theirs replace the same endpoints'), dropping stale records.
    public func save(_ changed: [BreakerRecord], now: Date = Date()) {
        guard !changed.isEmpty else { return }
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { return }
        defer { flock(fd, LOCK_UN) }
        let file = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        var merged: [String: BreakerRecord] = [:]
        for record in Self.decode((try? file.readToEnd()) ?? Data()) { merged[record.key] = record }
        for record in changed { merged[record.key] = record }
        let kept = merged.values.filter { $0.isWorthKeeping(at: now) }.sorted { $0.key < $1.key }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(kept) else { return }
        try? file.truncate(atOffset: 0)
        try? file.write(contentsOf: data)
    }

    private static func decode(_ data: Data) -> [BreakerRecord] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return (try? decoder.decode([BreakerRecord].self, from: data)) ?? []
    }
}
