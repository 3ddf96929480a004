// swift-tools-version: 6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
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
        .target(name: "CurlTransport",
                dependencies: ["CCurl"],
                swiftSettings: strict),
        .target(name: "LLMCore",
                dependencies: [.product(name: "Crypto", package: "swift-crypto"),
                               .product(name: "TOMLKit", package: "TOMLKit")],
                swiftSettings: strict),
        // Child processes that start with signals unblocked and are waited for off the concurrency pool.
        .target(name: "ChildProcess", swiftSettings: strict),
        .target(name: "LLMClient",
                dependencies: ["LLMCore", "CurlTransport", "MockProviders", "ChildProcess"],
                swiftSettings: strict),
        .target(name: "Terminal",
                dependencies: ["LLMClient", "LLMCore", "CEditLine"],
                swiftSettings: strict),
        .executableTarget(name: "llmctl",
                          dependencies: ["Terminal", "LLMClient", "LLMCore",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          swiftSettings: strict),
        .target(name: "MockProviders",
                dependencies: [.product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: strict),
        .executableTarget(name: "mock-providers", dependencies: ["MockProviders"], swiftSettings: strict),
        // Benchmark harness (bench/run.sh): many concurrent streams through one engine.
        .executableTarget(name: "llmctl-bench-engine", dependencies: ["CurlTransport", "LLMCore"],
                          path: "bench/EngineBench", swiftSettings: strict),
        // Benchmark (bench/run.sh): stream payloads decoded by LLMCore's JSON parser vs JSONDecoder.
        .executableTarget(name: "llmctl-bench-json", dependencies: ["LLMCore"],
                          path: "bench/JSONBench", swiftSettings: strict),
        .testTarget(name: "LLMCoreTests", dependencies: ["LLMCore"], swiftSettings: strict),
        .testTarget(name: "CurlTransportTests",
                    dependencies: ["CurlTransport", "MockProviders", "ChildProcess"], swiftSettings: strict),
        .testTarget(name: "MockProvidersTests", dependencies: ["MockProviders", "ChildProcess"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests",
                    dependencies: ["MockProviders", "LLMCore", "ChildProcess"], swiftSettings: strict),
        .testTarget(name: "TerminalTests",
                    dependencies: ["Terminal", "LLMClient", "LLMCore", "MockProviders", "ChildProcess"],
                    swiftSettings: strict),
        .testTarget(name: "ChildProcessTests", dependencies: ["ChildProcess"], swiftSettings: strict),
    ]
)
