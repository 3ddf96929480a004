// swift-tools-version: 6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    // A file sees only the modules it imports itself (explicit target dependencies, no leaks).
    .enableUpcomingFeature("MemberImportVisibility"),
]

// Child processes (key_cmd, and the tests' servers and CLI runs) start with signals unblocked and
// default dispositions, and are awaited on swift-subprocess's own monitor thread, not the pool.
let subprocess: Target.Dependency = .product(name: "Subprocess", package: "swift-subprocess")
// FilePath, which names an executable for swift-subprocess: the System framework on Apple platforms.
let filePath: Target.Dependency = .product(name: "SystemPackage", package: "swift-system",
                                           condition: .when(platforms: [.linux]))

let package = Package(
    name: "llmctl",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "llmctl", targets: ["llmctl"]),
        .executable(name: "mock-providers", targets: ["mock-providers"]),
        // For the fuzz harnesses (fuzz/Package.swift), which depend on this package by path.
        .library(name: "LLMCore", targets: ["LLMCore", "HTTPMessage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // libcurl with typed, non-variadic wrappers (shim.h); only CurlTransport imports it.
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        // libedit (histedit.h) with non-variadic el_set/history wrappers; only Terminal imports it.
        .systemLibrary(name: "CEditLine", path: "Sources/CEditLine", pkgConfig: "libedit",
                       providers: [.apt(["libedit-dev"])]),
        // The HTTP vocabulary LLMCore and CurlTransport share: headers, the request description, URL parts.
        .target(name: "HTTPMessage", swiftSettings: strict),
        .target(name: "CurlTransport",
                dependencies: ["CCurl", "HTTPMessage"],
                swiftSettings: strict),
        .target(name: "LLMCore",
                dependencies: ["HTTPMessage",
                               .product(name: "Crypto", package: "swift-crypto"),
                               .product(name: "TOMLKit", package: "TOMLKit")],
                swiftSettings: strict),
        .target(name: "LLMClient",
                dependencies: ["LLMCore", "HTTPMessage", "CurlTransport", "LoopbackServer", subprocess, filePath],
                swiftSettings: strict),
        // The terminal: capabilities, the reply renderer, line editing, progress.
        .target(name: "Terminal",
                dependencies: ["LLMCore", "CEditLine"],
                swiftSettings: strict),
        // The conversation log: one SQLite file (GRDB), its schema and migrations, writes and queries.
        .target(name: "ConversationLog",
                dependencies: ["LLMCore", .product(name: "GRDB", package: "GRDB.swift"),
                               .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: strict),
        // One folder per command: what each does, and the one result object behind every JSON output.
        .target(name: "LLMCommands",
                dependencies: ["Terminal", "LLMClient", "LLMCore", "ConversationLog", subprocess, filePath],
                swiftSettings: strict),
        .executableTarget(name: "llmctl",
                          dependencies: ["LLMCommands", "Terminal", "LLMCore",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          swiftSettings: strict),
        // The small HTTP/1.1 server core and the OpenAI chat endpoint the offline model serves (ships in llmctl).
        .target(name: "LoopbackServer", swiftSettings: strict),
        // Test-only: every provider dialect, fault injection, the SigV4 verifier, control endpoints.
        .target(name: "MockProviders",
                dependencies: ["LoopbackServer", .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: strict),
        .executableTarget(name: "mock-providers", dependencies: ["MockProviders"], swiftSettings: strict),
        // Test-only: a child process (swift-subprocess) with a deadline, signals and its first stdout line.
        .target(name: "TestChildProcess", dependencies: [subprocess, filePath],
                path: "Tests/TestChildProcess", swiftSettings: strict),
        // Benchmark harness (bench/run.sh): many concurrent streams through one engine.
        .executableTarget(name: "llmctl-bench-engine", dependencies: ["CurlTransport", "HTTPMessage", "LLMCore"],
                          path: "bench/EngineBench", swiftSettings: strict),
        // Benchmark (bench/run.sh): stream payloads decoded by LLMCore's JSON parser vs JSONDecoder.
        .executableTarget(name: "llmctl-bench-json", dependencies: ["LLMCore"],
                          path: "bench/JSONBench", swiftSettings: strict),
        // Benchmark (bench/log.sh): fills a conversation log with 100k exchanges; times single commits.
        .executableTarget(name: "llmctl-bench-log", dependencies: ["ConversationLog", "LLMCore"],
                          path: "bench/LogBench", swiftSettings: strict),
        .testTarget(name: "LLMCoreTests", dependencies: ["LLMCore", "HTTPMessage"], swiftSettings: strict),
        .testTarget(name: "ConversationLogTests", dependencies: ["ConversationLog", "LLMCore"], swiftSettings: strict),
        .testTarget(name: "HTTPMessageTests", dependencies: ["HTTPMessage"], swiftSettings: strict),
        .testTarget(name: "CurlTransportTests",
                    dependencies: ["CurlTransport", "HTTPMessage", "LLMCore", "MockProviders", "TestChildProcess"], swiftSettings: strict),
        .testTarget(name: "MockProvidersTests",
                    dependencies: ["MockProviders", "LoopbackServer", "TestChildProcess", subprocess],
                    swiftSettings: strict),
        .testTarget(name: "EndToEndTests",
                    dependencies: ["MockProviders", "LLMCore", "ConversationLog", "TestChildProcess", subprocess], swiftSettings: strict),
        .testTarget(name: "TerminalTests",
                    dependencies: ["LLMCommands", "Terminal", "LLMCore", "MockProviders", "TestChildProcess"],
                    swiftSettings: strict),
        // Commands run in-process (execute(ctx) with a capturing sink) and their parts.
        .testTarget(name: "LLMCommandsTests",
                    dependencies: ["LLMCommands", "Terminal", "LLMClient", "LLMCore", "MockProviders"],
                    swiftSettings: strict),
        // One parsing test per subcommand, against the executable's own command declarations.
        .testTarget(name: "CLITests",
                    dependencies: ["llmctl", "LLMCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
                    swiftSettings: strict),
    ]
)
