import Foundation
import LLMClient
import LLMCore

/// Everything a command needs from the outside world, injected so tests can swap it.
public struct CommandContext: Sendable {
    public var console: Console
    public var environment: [String: String]
    public var client: ChatClient
    public var resolver: ModelResolver
    /// Reads piped stdin (nil when stdin is a terminal).
    public var readStdin: @Sendable () -> String?

    public init(console: Console, environment: [String: String], client: ChatClient, resolver: ModelResolver,
                readStdin: @escaping @Sendable () -> String?) {
        self.console = console
        self.environment = environment
        self.client = client
        self.resolver = resolver
        self.readStdin = readStdin
    }

    /// Resolves a model reference (or the default), announcing the offline fallback on stderr.
    public func resolveModel(_ text: String?) throws -> ResolvedModel {
        let resolved = try resolver.resolve(text)
        if resolved.isOfflineFallback, resolver.announceOfflineOnce() {
            console.errLine("llmctl: no provider credentials found; using the built-in offline model at \(resolved.endpoint.baseURL) "
                + "(set \(ModelResolver.credentialVariables.joined(separator: ", ")) or LLMCTL_MODEL for a real provider)")
        }
        return resolved
    }

    /// Secrets known to this process, scrubbed from every message.
    public var redactor: Redactor { resolver.redactor }
}
