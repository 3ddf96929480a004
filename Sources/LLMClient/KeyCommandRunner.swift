import ChildProcess
import Foundation
import LLMCore
import Synchronization

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

    private func run(_ command: String) async -> Outcome {
        // ChildProcess, not Foundation's Process: the key command must start with SIGINT unblocked so
        // that Ctrl-C on a hanging password manager stops it along with llmctl.
        let child: ChildProcess
        do {
            child = try ChildProcess(path: shell, arguments: ["-c", command], environment: environment,
                                     captureStderr: false, timeout: timeout)
        } catch {
            return .couldNotStart(String(describing: error))
        }
        let output = await child.output()
        if output.timedOut { return .timedOut }
        guard output.termination == .exited(0) else { return .failed(status: output.termination.code) }
        let first = output.stdoutText.split(whereSeparator: \.isNewline).lazy
            .map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
        return first.map(Outcome.key) ?? .empty
    }
}
