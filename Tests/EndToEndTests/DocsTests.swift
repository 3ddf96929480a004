import Foundation
import LLMCore
import Subprocess
import TestChildProcess
import Testing

/// completions/ and man/llmctl.1 must match the built binary's ArgumentParser definitions.
@Suite struct DocsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fix = "run scripts/generate-docs.sh (LLMCTL_BIN=path/to/llmctl to reuse a build) and commit the result"

    static func text(_ file: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
    }

    @Test(arguments: [("bash", "completions/llmctl.bash"), ("zsh", "completions/_llmctl"), ("fish", "completions/llmctl.fish")])
    func completionsMatchTheBinary(shell: String, file: String) async throws {
        let generated = try await CLIRunner.run(["--generate-completion-script", shell], environment: CLIRunner.baseEnvironment())
        #expect(generated.status == 0, "\(generated.stderr)")
        let committed = try Self.text(file)
        #expect(committed == generated.stdout, "\(file) differs from what the built llmctl generates: \(Self.fix)")
    }

    /// Every command and every option name (long and short) of the built binary, from its help dump.
    static func commandsAndOptions() async throws -> [(command: String, options: [String])] {
        let dump = try await CLIRunner.run(["--experimental-dump-help"], environment: CLIRunner.baseEnvironment())
        let json = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any]
        var out: [(String, [String])] = []
        func walk(_ command: [String: Any], path: [String]) {
            let arguments = command["arguments"] as? [[String: Any]] ?? []
            var names: [String] = []
            for argument in arguments {
                let kind = argument["kind"] as? String
                let shown = argument["shouldDisplay"] as? Bool ?? true
                guard kind != "positional", shown else { continue }
                for name in argument["names"] as? [[String: String]] ?? [] {
                    let prefix = name["kind"] == "long" ? "--" : "-"
                    names.append(prefix + (name["name"] ?? ""))
                }
            }
            out.append((path.joined(separator: " "), names))
            for sub in command["subcommands"] as? [[String: Any]] ?? [] where (sub["shouldDisplay"] as? Bool) != false {
                walk(sub, path: path + [sub["commandName"] as? String ?? "?"])
            }
        }
        let command = try #require(json?["command"] as? [String: Any])
        walk(command, path: ["llmctl"])
        return out
    }

    /// The page as it reads: roff escapes for '-' and fonts removed.
    static func plainMan() throws -> String {
        try text("man/llmctl.1").replacingOccurrences(of: "\\-", with: "-")
            .replacingOccurrences(of: "\\fB", with: "").replacingOccurrences(of: "\\fI", with: "")
            .replacingOccurrences(of: "\\fR", with: "")
    }

    static func mentions(_ text: String, _ word: String) -> Bool {
        let escaped = NSRegularExpression.escapedPattern(for: word)
        return text.range(of: "(?<![A-Za-z0-9_-])\(escaped)(?![A-Za-z0-9_-])", options: .regularExpression) != nil
    }

    @Test func manPageDocumentsEveryCommandAndOption() async throws {
        let page = try Self.text("man/llmctl.1")
        let plain = try Self.plainMan()
        let commands = try await Self.commandsAndOptions()
        #expect(commands.count > 3)
        for (command, options) in commands {
            if command != "llmctl" {
                #expect(page.contains(".SS \"\(command)\""), "man/llmctl.1 has no section for '\(command)': \(Self.fix)")
            }
            for option in options {
                #expect(Self.mentions(plain, option), "man/llmctl.1 does not mention \(option) of '\(command)': \(Self.fix)")
            }
        }
    }

    @Test func manPageIsUpToDateWithItsTemplate() throws {
        let page = Set(try Self.text("man/llmctl.1").components(separatedBy: "\n"))
        let template = try Self.text("man/llmctl.1.in")
        // Lines with a placeholder are filled in by the generator; every other line is copied as is.
        for line in template.components(separatedBy: "\n") where !line.contains("@") {
            #expect(page.contains(line), "man/llmctl.1 lacks '\(line)' from man/llmctl.1.in: \(Self.fix)")
        }
    }

    @Test func manPageDocumentsEnvironmentAndExitCodes() throws {
        let plain = try Self.plainMan()
        var variables: Set<String> = [
            "LLMCTL_MODEL", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "SSL_CERT_FILE", "CURL_CA_BUNDLE", "HTTPS_PROXY", "NO_PROXY",
            "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_GEMINI_BASE_URL",
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
            "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL",
            "AWS_BEARER_TOKEN_BEDROCK", "OLLAMA_HOST",
        ]
        // Every variable of every catalog row.
        for row in ProviderCatalog.builtInRows {
            variables.formUnion(row.baseURLVariables + row.credentialVariables + [row.apiVersionVariable].compactMap { $0 }
                                + row.headerVariables.map(\.variable))
        }
        for variable in variables.sorted() {
            #expect(Self.mentions(plain, variable), "man/llmctl.1 does not document \(variable) (edit man/llmctl.1.in, then \(Self.fix))")
        }
        let page = try Self.text("man/llmctl.1")
        let exitSection = try #require(page.components(separatedBy: ".SH EXIT STATUS").last)
        for status in ExitStatus.allCases {
            #expect(exitSection.contains(".B \(status.rawValue)\n"), "man/llmctl.1 does not document exit status \(status.rawValue)")
        }
        for file in ["llmctl/config.toml", "llmctl/history", "llmctl/sessions"] {
            #expect(plain.contains(file))
        }
    }
}

/// `make install` puts the binary, man page and completions under PREFIX. The release build itself is
/// skipped (`make -o build`): the built binary under test stands in for .build/release/llmctl in a copy
/// of the tree's install inputs.
@Suite struct DocsInstallTests {
    @Test func makeInstallIntoATemporaryPrefix() async throws {
        let fm = FileManager.default
        let work = NSTemporaryDirectory() + "llmctl-install-" + UUID().uuidString
        defer { try? fm.removeItem(atPath: work) }
        let tree = work + "/tree", prefix = work + "/prefix"
        for directory in ["man", "completions", ".build/release"] {
            try fm.createDirectory(atPath: tree + "/" + directory, withIntermediateDirectories: true)
        }
        for file in ["Makefile", "man/llmctl.1", "completions/llmctl.bash", "completions/_llmctl", "completions/llmctl.fish"] {
            try fm.copyItem(atPath: DocsTests.root.appendingPathComponent(file).path, toPath: tree + "/" + file)
        }
        try fm.copyItem(atPath: CLIRunner.binary, toPath: tree + "/.build/release/llmctl")

        let made = try await TestChild.run(path: "/usr/bin/env",
                                           arguments: ["make", "-s", "-C", tree, "-o", "build", "install", "PREFIX=\(prefix)"],
                                           environment: ProcessInfo.processInfo.environment, timeout: 120)
        #expect(made.termination == .exited(0), "make install failed: \(made.stderrText)")

        let installed = ["bin/llmctl": 0o755, "share/man/man1/llmctl.1": 0o644,
                         "share/bash-completion/completions/llmctl": 0o644,
                         "share/zsh/site-functions/_llmctl": 0o644,
                         "share/fish/vendor_completions.d/llmctl.fish": 0o644]
        for (file, mode) in installed {
            let attributes = try fm.attributesOfItem(atPath: prefix + "/" + file)
            #expect(((attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0) & 0o777 == mode, "\(file)")
        }
        let version = try await TestChild.run(path: prefix + "/bin/llmctl", arguments: ["--version"],
                                              environment: CLIRunner.baseEnvironment(), timeout: 30).stdoutText
        #expect(version.hasPrefix("llmctl "))
    }
}
