import Foundation
import LLMCore
import Subprocess
import Synchronization
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs each `key_cmd` at most once per process, only when first asked, and remembers the outcome.
/// Concurrent first uses share one run; waiting for it holds no concurrency thread.
///
/// The command's output is the key, so it is never printed or logged: stdout is captured, stderr is
/// discarded (password managers print hints and sometimes secrets there), stdin is empty so the command
/// cannot swallow a prompt piped to llmctl. Only the first line of stdout is the key (`pass show` prints
/// the password first, then notes).
public final class KeyCommandRunner: KeyCommandSource {
    /// How a run ended.
    public enum Outcome: Sendable, Hashable {
        case key(String)
        case failed(status: Int32)
        case empty
        case timedOut
        case couldNotStart(String)
    }

    private let environment: [String: String]
    private let timeout: Double
    private let shell: String
    private let runs = Mutex<[String: Task<Outcome, Never>]>([:])
    private let outcomes = Mutex<[String: Outcome]>([:])

    public init(environment: [String: String], timeout: Double = 60, shell: String = "/bin/sh") {
        self.environment = environment
        self.timeout = timeout
        self.shell = shell
    }

    /// The key `command` prints; `owner` names the endpoint in errors (`[endpoints.work]`).
    public func key(for command: String, owner: String) async throws -> String {
        // The first caller starts the run; everyone awaits the same task, so it still runs once.
        let run = runs.withLock { started -> Task<Outcome, Never> in
            if let running = started[command] { return running }
            let fresh = Task { await self.run(command) }
            started[command] = fresh
            return fresh
        }
        let outcome = await run.value
        outcomes.withLock { $0[command] = outcome }
        let what = "key_cmd of \(owner)"
        let why = "run it in a shell to see why (its output is not shown: it may hold secrets)"
        switch outcome {
        case .key(let key): return key
        case .failed(let status): throw ConfigError(message: "\(what) failed with exit status \(status); \(why)")
        case .empty: throw ConfigError(message: "\(what) printed nothing on stdout; it must print the key")
        case .timedOut:
            let limit = timeout == timeout.rounded() ? String(Int(timeout)) : String(timeout)
            throw ConfigError(message: "\(what) did not finish within \(limit) s; \(why)")
        case .couldNotStart(let reason): throw ConfigError(message: "\(what) could not be started (\(reason))")
        }
    }

    /// Keys obtained so far, for redaction.
    public var secrets: [String] {
        outcomes.withLock { cache in cache.values.compactMap { if case .key(let k) = $0 { k } else { nil } } }
    }

    /// How many distinct commands have run (for tests).
    public var runCount: Int { runs.withLock { $0.count } }

    /// The most of the command's stdout kept (the key is its first line); the rest is read and dropped.
    static let stdoutLimit = 64 * 1024

    private func run(_ command: String) async -> Outcome {
        // swift-subprocess, not Foundation's Process: the key command starts with signals unblocked and
        // default dispositions, so Ctrl-C on a hanging password manager stops it along with llmctl, and
        // it is awaited on swift-subprocess's monitor thread, not on a concurrency thread.
        let configuration = Configuration(
            executable: .path(FilePath(shell)), arguments: ["-c", command],
            // Exactly these variables. The `[Key: String]` form: swift-subprocess 1.0.2 passes the raw-bytes
            // form's entries to strdup, which reads past any entry not ending in a NUL byte.
            environment: .custom(Dictionary(uniqueKeysWithValues: environment.compactMap { key, value in
                Environment.Key(rawValue: key).map { ($0, value) }
            })))
        let ended: (TerminationStatus, [UInt8])?
        do {
            ended = try await Self.run(configuration, timeout: timeout)
        } catch {
            return .couldNotStart(String(describing: error))
        }
        guard let (termination, stdout) = ended else { return .timedOut }
        switch termination {
        case .exited(0): break
        case .exited(let status): return .failed(status: status)
        case .signaled(let signal): return .failed(status: 128 + signal)
        }
        let first = String(decoding: stdout, as: UTF8.self).split(whereSeparator: \.isNewline).lazy
            .map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
        return first.map(Outcome.key) ?? .empty
    }

    /// Runs the command with stdin from /dev/null and stderr discarded; nil when `timeout` seconds pass
    /// first, and then the child has been killed (cancelling a swift-subprocess run ends in SIGKILL).
    private static func run(_ configuration: Configuration,
                            timeout: Double) async throws -> (TerminationStatus, [UInt8])? {
        try await withThrowingTaskGroup(of: (TerminationStatus, [UInt8])?.self) { group in
            group.addTask {
                let result = try await Subprocess.run(configuration, input: .none, output: .sequence,
                                                      error: .discarded) { execution in
                    var kept: [UInt8] = []
                    // Read to the end so the command never blocks on a full pipe; keep the start.
                    do {
                        for try await chunk in execution.standardOutput where kept.count < stdoutLimit {
                            chunk.withUnsafeBytes { kept += $0.prefix(stdoutLimit - kept.count) }
                        }
                    } catch {}
                    return kept
                }
                return (result.terminationStatus, result.closureResult)
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(timeout))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
