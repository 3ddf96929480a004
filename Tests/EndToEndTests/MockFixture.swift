import MockProviders

/// The fixture most end-to-end tests share: a started MockServer and an environment pointing the
/// `openai` provider at it.
enum MockFixture {
    static func start(_ configuration: MockConfiguration = .init()) throws -> MockServer {
        let server = try MockServer(configuration: configuration)
        try server.start()
        return server
    }

    static func openAIEnvironment(_ server: MockServer, key: String) -> [String: String] {
        var env = CLIRunner.baseEnvironment()
        env["OPENAI_API_KEY"] = key
        env["OPENAI_BASE_URL"] = server.baseURL + "/v1"
        return env
    }
}
