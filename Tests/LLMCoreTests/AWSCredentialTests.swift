import Testing
@testable import LLMCore

@Suite struct AWSCredentialTests {
    static let credentialsFile = """
        # comment
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = defaultsecret

        [dev]
        aws_access_key_id=AKIDDEV
        aws_secret_access_key=devsecret
        aws_session_token = devtoken
        """
    static let configFile = """
        [default]
        region = eu-west-1
        s3 =
          max_concurrent_requests = 20

        [profile dev]
        region = us-west-2

        [profile sso]
        sso_session = corp
        region = us-east-1

        [profile keysonly]
        aws_access_key_id = AKIDCONFIG
        aws_secret_access_key = configsecret

        [sso-session corp]
        sso_region = us-east-1
        """

    /// A reader over an in-memory file system; records what was read.
    final class Files: @unchecked Sendable {
        var contents: [String: String]
        var reads: [String] = []
        init(_ contents: [String: String]) { self.contents = contents }
        func read(_ path: String) -> String? {
            reads.append(path)
            return contents[path]
        }
    }

    let files = Files(["/root/.aws/credentials": credentialsFile, "/root/.aws/config": configFile])

    func resolve(_ environment: [String: String]) throws -> AWSResolvedConfig {
        try AWSCredentialResolver.resolve(environment: ["HOME": "/root"].merging(environment) { $1 }, readFile: files.read)
    }

    @Test func environmentKeysWinAndRegionComesFromAWSRegionFirst() throws {
        let resolved = try resolve(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "envsecret",
                                    "AWS_SESSION_TOKEN": "envtoken", "AWS_REGION": "ap-south-1", "AWS_DEFAULT_REGION": "us-east-2"])
        #expect(resolved.credential == .aws(AWSCredentials(accessKeyID: "AKIDENV", secretAccessKey: Secret("envsecret"),
                                                          sessionToken: Secret("envtoken")),
                                           region: "ap-south-1", source: "AWS_ACCESS_KEY_ID"))
        #expect(try resolve(["AWS_ACCESS_KEY_ID": "A", "AWS_SECRET_ACCESS_KEY": "s", "AWS_DEFAULT_REGION": "us-east-2"]).region == "us-east-2")
    }

    @Test func defaultProfileFromFiles() throws {
        let resolved = try resolve([:])
        #expect(resolved.region == "eu-west-1")
        #expect(resolved.credential.source == "profile 'default' in /root/.aws/credentials")
        #expect(files.reads == ["/root/.aws/credentials", "/root/.aws/config"])
    }

    @Test func namedProfileWithSessionToken() throws {
        let resolved = try resolve(["AWS_PROFILE": "dev"])
        #expect(resolved.region == "us-west-2")
        guard case .aws(let credentials, let region, let source) = resolved.credential else {
            Issue.record("not SigV4")
            return
        }
        #expect(credentials.accessKeyID == "AKIDDEV" && credentials.sessionToken?.value == "devtoken")
        #expect(region == "us-west-2" && source == "profile 'dev' in /root/.aws/credentials")
    }

    @Test func keysInTheConfigFileAndCustomFileLocations() throws {
        let custom = Files(["/etc/aws/creds": "", "/home/u/cfg": Self.configFile])
        let resolved = try AWSCredentialResolver.resolve(
            environment: ["HOME": "/home/u", "AWS_SHARED_CREDENTIALS_FILE": "/etc/aws/creds",
                          "AWS_CONFIG_FILE": "~/cfg", "AWS_PROFILE": "keysonly", "AWS_REGION": "us-east-1"],
            readFile: custom.read)
        #expect(resolved.credential.source == "profile 'keysonly' in /home/u/cfg")
        #expect(custom.reads == ["/etc/aws/creds", "/home/u/cfg"])
    }

    @Test func bearerTokenAndEndpointOverride() throws {
        let resolved = try resolve(["AWS_BEARER_TOKEN_BEDROCK": "bedrock-api-key", "AWS_REGION": "us-east-1",
                                    "AWS_ENDPOINT_URL": "https://generic.example.com/",
                                    "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": "http://127.0.0.1:9000/"])
        #expect(resolved.credential == .bearer(Secret("bedrock-api-key"), source: "AWS_BEARER_TOKEN_BEDROCK"))
        #expect(resolved.endpointURL == "http://127.0.0.1:9000")
        #expect(try resolve(["AWS_ENDPOINT_URL": "https://generic.example.com/"]).endpointURL == "https://generic.example.com")
        #expect(throws: ConfigError.self) { try resolve(["AWS_ENDPOINT_URL": "generic.example.com"]) }
    }

    @Test func missingThingsSayWhatToSet() {
        let none = Files([:])
        let noRegion = #expect(throws: ConfigError.self) {
            try AWSCredentialResolver.resolve(environment: ["HOME": "/root", "AWS_ACCESS_KEY_ID": "A", "AWS_SECRET_ACCESS_KEY": "s"],
                                              readFile: none.read)
        }
        #expect(noRegion?.message.contains("AWS_REGION") == true)
        let homeless = Files([:])
        let noKeys = #expect(throws: ConfigError.self) {
            try AWSCredentialResolver.resolve(environment: ["AWS_REGION": "us-east-1"], readFile: homeless.read)
        }
        #expect(noKeys?.message.contains("AWS_ACCESS_KEY_ID") == true)
        #expect(noKeys?.message.contains("AWS_BEARER_TOKEN_BEDROCK") == true)
        let half = #expect(throws: ConfigError.self) { try resolve(["AWS_ACCESS_KEY_ID": "A"]) }
        #expect(half?.message.contains("AWS_SECRET_ACCESS_KEY") == true)
        let unknown = #expect(throws: ConfigError.self) { try resolve(["AWS_PROFILE": "nope", "AWS_REGION": "us-east-1"]) }
        #expect(unknown?.message.contains("'nope' was not found") == true)
        let sso = #expect(throws: ConfigError.self) { try resolve(["AWS_PROFILE": "sso"]) }
        #expect(sso?.message.contains("export-credentials --profile sso") == true)
        #expect(homeless.reads.isEmpty, "without HOME no default file path exists")
    }

    @Test func bedrockEndpointFromTheEnvironment() throws {
        let endpoint = try BedrockEnvironment.endpoint(environment: ["HOME": "/root", "AWS_PROFILE": "dev"], readFile: files.read)
        #expect(endpoint.kind == .bedrock && endpoint.name == "bedrock")
        #expect(endpoint.baseURL == "https://bedrock-runtime.us-west-2.amazonaws.com")
        #expect(endpoint.credential.secrets.sorted() == ["AKIDDEV", "devsecret", "devtoken"])
    }

    @Test func profileParserHandlesCRLFAndOddSections() {
        let file = AWSProfileFile("[profile a]\r\nregion = x\r\n[services s]\r\nregion = y\r\n[ default ]\r\nregion=z\r\n", isConfigFile: true)
        #expect(file.profiles["a"]?["region"] == "x")
        #expect(file.profiles["default"]?["region"] == "z")
        #expect(file.profiles.count == 2)
    }
}

@Suite struct NativeProviderRegistrationTests {
    @Test func catalogKnowsTheNativeProviders() throws {
        let catalog = ProviderCatalog.builtIn
        for kind in [ProviderKind.anthropic, .gemini, .ollama, .bedrock] {
            #expect(try catalog.provider(for: kind).kind == kind)
        }
        #expect(Set(["anthropic", "gemini", "ollama", "bedrock"]).isSubset(of: catalog.names))
    }

    @Test func environmentResolverUsesTheInjectedReaderForBedrock() throws {
        let resolver = EnvironmentResolver(
            environment: ["HOME": "/h", "AWS_PROFILE": "p", "ANTHROPIC_API_KEY": "k", "GEMINI_API_KEY": "g"],
            readFile: { path in
                switch path {
                case "/h/.aws/credentials": "[p]\naws_access_key_id = AKID\naws_secret_access_key = s\n"
                case "/h/.aws/config": "[profile p]\nregion = eu-central-1\n"
                default: nil
                }
            })
        let bedrock = try resolver.endpoint(for: "bedrock")
        #expect(bedrock.baseURL == "https://bedrock-runtime.eu-central-1.amazonaws.com")
        #expect(bedrock.credential.source == "profile 'p' in /h/.aws/credentials")
        #expect(try resolver.endpoint(for: "anthropic").kind == .anthropic)
        #expect(try resolver.endpoint(for: "gemini").kind == .gemini)
        #expect(try resolver.endpoint(for: "ollama").baseURL == "http://localhost:11434")
        // Without a reader only the environment counts.
        #expect(throws: ConfigError.self) { try EnvironmentResolver(environment: ["AWS_PROFILE": "p", "HOME": "/h"]).endpoint(for: "bedrock") }
    }
}
