import LLMClient
import LLMCore
@testable import LLMCommands
import Terminal

/// What a command needs, for running it in-process: a capturing sink instead of the terminal, an
/// environment the test writes, one HTTP engine for the whole test process, fresh breakers, and
/// waits that take no time.
struct TestContext {
    /// One engine (one pool) for every in-process command test, as one process would have.
    static let engine = HTTPEngine()
    /// A chat client on that engine.
    static let chat = ChatClient(engine: engine)

    let sink = CapturingSink()
    let context: CommandContext

    /// A context over `environment` and `config`; `stdin` is what piped stdin would hold (nil: a terminal).
    init(environment: [String: String] = [:], config: LLMConfig = LLMConfig(), stdin: String? = nil,
         terminal: TerminalCapabilities = TerminalCapabilities(), offline: OfflineModel = OfflineModel()) {
        // In-process commands must never write the real user's conversation log.
        var environment = environment
        if environment["XDG_DATA_HOME"] == nil, environment["LLMCTL_LOG"] == nil { environment["LLMCTL_LOG"] = "0" }
        let resolver = EndpointResolver(environment: EnvironmentResolver(environment: environment), config: config,
                                        keys: KeyCommandRunner(environment: environment), offline: offline)
        context = CommandContext(console: Console(sink: sink, terminal: terminal), environment: environment,
                                 engine: Self.engine, resolver: resolver, breakers: BreakerRegistry(),
                                 readStdin: { stdin }, sleep: { _ in })
    }

    var stdout: String { sink.stdout }
    var stderr: String { sink.stderr }
}
