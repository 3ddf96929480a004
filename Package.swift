// swift-tools-version: 6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    // A file sees only the modules it imports itself (explicit target dependencies, no leaks).
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "llmctl",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "llmctl", targets: ["llmctl"]),
        .executable(name: "mock-providers", targets: ["mock-providers"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
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
        // Child processes that start with signals unblocked and are waited for off the concurrency pool.
        .target(name: "ChildProcess", swiftSettings: strict),
        .target(name: "LLMClient",
                dependencies: ["LLMCore", "HTTPMessage", "CurlTransport", "LoopbackServer", "ChildProcess"],
                swiftSettings: strict),
        // The terminal: capabilities, the reply renderer, line editing, progress.
        .target(name: "Terminal",
                dependencies: ["LLMCore", "CEditLine"],
                swiftSettings: strict),
        // One folder per command: what each does, and the one result object behind every JSON output.
        .target(name: "LLMCommands",
                dependencies: ["Terminal", "LLMClient", "LLMCore"],
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
        // Benchmark harness (bench/run.sh): many concurrent streams through one engine.
        .executableTarget(name: "llmctl-bench-engine", dependencies: ["CurlTransport", "HTTPMessage", "LLMCore"],
                          path: "bench/EngineBench", swiftSettings: strict),
        // Benchmark (bench/run.sh): stream payloads decoded by LLMCore's JSON parser vs JSONDecoder.
        .executableTarget(name: "llmctl-bench-json", dependencies: ["LLMCore"],
                          path: "bench/JSONBench", swiftSettings: strict),
        .testTarget(name: "LLMCoreTests", dependencies: ["LLMCore", "HTTPMessage"], swiftSettings: strict),
        .testTarget(name: "HTTPMessageTests", dependencies: ["HTTPMessage"], swiftSettings: strict),
        .testTarget(name: "CurlTransportTests",
                    dependencies: ["CurlTransport", "HTTPMessage", "MockProviders", "ChildProcess"], swiftSettings: strict),
        .testTarget(name: "MockProvidersTests", dependencies: ["MockProviders", "LoopbackServer", "ChildProcess"],
                    swiftSettings: strict),
        .testTarget(name: "EndToEndTests",
                    dependencies: ["MockProviders", "LLMCore", "ChildProcess"], swiftSettings: strict),
        .testTarget(name: "TerminalTests",
                    dependencies: ["LLMCommands", "Terminal", "LLMCore", "MockProviders", "ChildProcess"],
                    swiftSettings: strict),
        // Commands run in-process (execute(ctx) with a capturing sink) and their parts.
        .testTarget(name: "LLMCommandsTests",
                    dependencies: ["LLMCommands", "Terminal", "LLMClient", "LLMCore", "MockProviders"],
                    swiftSettings: strict),
        // One parsing test per subcommand, against the executable's own command declarations.
        .testTarget(name: "CLITests",
                    dependencies: ["llmctl", "LLMCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
                    swiftSettings: strict),
        .testTarget(name: "ChildProcessTests", dependencies: ["ChildProcess"], swiftSettings: strict),
    ]
)
