// swift-tools-version: 6.0
// libFuzzer harnesses for llmctl's decoders. A separate package, so the normal build and CI never
// compile with -sanitize=fuzzer. Run them with `make fuzz` (FUZZ_SECONDS per target).
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]
let core: Target.Dependency = .product(name: "LLMCore", package: "llmctl")

let package = Package(
    name: "llmctl-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "llmctl", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [core], swiftSettings: strict),
        .executableTarget(name: "fuzz-sse", dependencies: ["FuzzSupport", core], swiftSettings: strict),
        .executableTarget(name: "fuzz-ndjson", dependencies: ["FuzzSupport", core], swiftSettings: strict),
        .executableTarget(name: "fuzz-eventstream", dependencies: ["FuzzSupport", core], swiftSettings: strict),
        .executableTarget(name: "fuzz-json", dependencies: ["FuzzSupport", core], swiftSettings: strict),
        .executableTarget(name: "fuzz-stream-decoders", dependencies: ["FuzzSupport", core], swiftSettings: strict),
        .executableTarget(name: "fuzz-error-paths", dependencies: ["FuzzSupport", core], swiftSettings: strict),
    ]
)
