// Runs the MockProviders server as a standalone process (for benchmarks and manual testing).
// Usage: mock-providers [--port N] [--tokens N] [--token-delay-ms N] [--reply-text TEXT] [--key K]…
//        [--cache-read N] [--cache-write N] [--reasoning-text TEXT] [--fail-model MODEL=STATUS]… [--quiet]
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MockProviders

let usage = """
    usage: mock-providers [--port N] [--tokens N] [--token-delay-ms N] [--reply-text TEXT] [--key KEY]... \
    [--allow-missing-key] [--cache-read N] [--cache-write N] [--reasoning-text TEXT] [--fail-model MODEL=STATUS]... [--quiet]
    """

func fail(_ message: String) -> Never {
    let bytes = Array("mock-providers: \(message)\n\(usage)\n".utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(64)
}

/// Parses the command line by hand (this target has no ArgumentParser dependency).
func parseArguments(_ all: [String]) -> MockConfiguration {
    var configuration = MockConfiguration(quiet: false)
    var arguments = all[...]
    func value(for flag: String) -> String {
        guard let next = arguments.popFirst() else { fail("\(flag) needs a value") }
        return next
    }
    func number(for flag: String) -> Int {
        let text = value(for: flag)
        guard let n = Int(text), n >= 0 else { fail("\(flag) needs a non-negative integer, got '\(text)'") }
        return n
    }
    while let argument = arguments.popFirst() {
        switch argument {
        case "--port": configuration.port = number(for: argument)
        case "--tokens": configuration.tokens = number(for: argument)
        case "--token-delay-ms": configuration.tokenDelay = .milliseconds(number(for: argument))
        case "--reply-text": configuration.replyText = value(for: argument)
        case "--key": configuration.acceptedKeys = (configuration.acceptedKeys ?? []) + [value(for: argument)]
        case "--allow-missing-key": configuration.allowMissingKey = true
        case "--cache-read": configuration.cacheRead = number(for: argument)
        case "--cache-write": configuration.cacheWrite = number(for: argument)
        case "--reasoning-text": configuration.reasoningText = value(for: argument)
        case "--fail-model":
            // MODEL=STATUS: every request for MODEL answers with that HTTP status (a model that is down).
            let spec = value(for: argument)
            let pieces = spec.split(separator: "=", maxSplits: 1).map(String.init)
            guard pieces.count == 2, !pieces[0].isEmpty, let status = Int(pieces[1]), (400...599).contains(status) else {
                fail("--fail-model needs MODEL=STATUS with a status from 400 to 599, got '\(spec)'")
            }
            configuration.modelFaults[pieces[0]] = .http(status)
        case "--quiet": configuration.quiet = true
        case "--help", "-h":
            print(usage)
            exit(0)
        default: fail("unknown argument '\(argument)'")
        }
    }
    return configuration
}

// Block the stop signals before any server thread exists, so every thread inherits the mask and
// sigwait below is the only place they are delivered.
var stopSignals = sigset_t()
sigemptyset(&stopSignals)
sigaddset(&stopSignals, SIGINT)
sigaddset(&stopSignals, SIGTERM)
pthread_sigmask(SIG_BLOCK, &stopSignals, nil)
signal(SIGPIPE, SIG_IGN)

let server: MockServer
do {
    server = try MockServer(configuration: parseArguments(Array(CommandLine.arguments.dropFirst())))
    try server.start()
} catch {
    fail("\(error)")
}
print("listening on \(server.baseURL)")
fflush(nil)  // stdout may be a pipe: the parent waits for this line

var received: Int32 = 0
sigwait(&stopSignals, &received)
server.stop()
exit(0)
