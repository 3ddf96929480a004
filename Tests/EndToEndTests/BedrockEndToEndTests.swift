import Foundation
import MockProviders
import Testing

/// `llmctl ask -m bedrock:…` against the mock's Bedrock Runtime, which verifies every SigV4 signature
/// for real with the providers.md §6 test credentials and answers with binary event-stream frames.
@Suite(.serialized)
struct BedrockEndToEndTests {
    static let accessKey = MockConfiguration.exampleAccessKeyID
    static let secret = MockConfiguration.exampleSecretAccessKey
    /// A model id with a `:`, sent as `%3A` and signed as `%253A`.
    static let model = "bedrock:anthropic.claude-3-haiku-20240307-v1:0"

    static func environment(_ server: MockServer, _ extra: [String: String] = [:]) -> [String: String] {
        E2E.environment(["AWS_ACCESS_KEY_ID": accessKey, "AWS_SECRET_ACCESS_KEY": secret, "AWS_REGION": "us-east-1",
                         "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": server.baseURL].merging(extra) { _, new in new })
    }

    /// The parts of the recorded request's `Authorization: AWS4-HMAC-SHA256 …` header.
    static func authorization(_ request: RecordedRequest) throws -> (scope: [String], signedHeaders: [String]) {
        let header = try #require(request.header("authorization"))
        #expect(header.hasPrefix("AWS4-HMAC-SHA256 Credential="), "\(header)")
        var fields: [String: String] = [:]
        for part in header.dropFirst("AWS4-HMAC-SHA256 ".count).split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if kv.count == 2 { fields[kv[0]] = kv[1] }
        }
        let scope = try #require(fields["Credential"]).split(separator: "/").map(String.init)
        let signed = try #require(fields["SignedHeaders"]).split(separator: ";").map(String.init)
        #expect(fields["Signature"]?.count == 64)
        return (scope, signed)
    }

    @Test func modelIdWithAColonIsSignedCorrectly() async throws {
        let server = try E2E.start(.init(replyText: "Signed and streamed."))
        defer { server.stop() }
        let result = try await E2E.run(["ask", "-m", Self.model, "--system", "Be terse.", "Say something"],
                                 Self.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "Signed and streamed.\n")
        #expect(result.stderr.isEmpty, "stderr: \(result.stderr)")

        let request = try E2E.onlyRequest(server)
        #expect(request.target == "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream")
        let auth = try Self.authorization(request)
        #expect(auth.scope.count == 5)
        #expect(auth.scope.first == Self.accessKey)
        #expect(Array(auth.scope.dropFirst(2)) == ["us-east-1", "bedrock", "aws4_request"])
        #expect(auth.signedHeaders.contains("host") && auth.signedHeaders.contains("x-amz-date"))
        #expect(auth.signedHeaders.contains("content-type"))
        #expect(request.header("x-amz-security-token") == nil)
        let body = try E2E.body(request)
        #expect((body["system"] as? [[String: Any]])?.first?["text"] as? String == "Be terse.")
        let messages = try #require(body["messages"] as? [[String: Any]])
        #expect(messages.first?["role"] as? String == "user")
        #expect((messages.first?["content"] as? [[String: Any]])?.first?["text"] as? String == "Say something")
    }

    @Test func nonStreamingConverseIsSignedToo() async throws {
        let server = try E2E.start(.init(replyText: "whole reply"))
        defer { server.stop() }
        let result = try await E2E.run(["ask", "--no-stream", "-m", Self.model, "hi"], Self.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "whole reply\n")
        #expect(try E2E.onlyRequest(server).target == "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse")
    }

    @Test func jsonHasUsageFromTheMetadataEventAndTheStopReason() async throws {
        let server = try E2E.start(.init(tokens: 8))
        defer { server.stop() }
        let result = try await E2E.run(["ask", "--json", "-m", Self.model, "-s", "Use short words.", "describe rain"],
                                 Self.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try E2E.object(result.stdout)
        #expect(object["provider"] as? String == "bedrock")
        #expect(object["model"] as? String == "bedrock:anthropic.claude-3-haiku-20240307-v1:0")
        #expect(object["finish_reason"] as? String == "end_turn")
        #expect(object["text"] as? String == "Mock reply to: describe rain. token1 token2 token3 ")
        let input = E2E.words("Use short words.", "describe rain")
        let usage = try E2E.usage(object)
        #expect(usage.input == input)
        #expect(usage.output == 8)
        #expect(usage.total == input + 8)
    }

    @Test func sessionTokenIsSentAndSigned() async throws {
        let token = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN0123456789"
        let server = try E2E.start(.init(replyText: "temporary credentials work"))
        defer { server.stop() }
        let result = try await E2E.run(["ask", "-m", Self.model, "hi"], Self.environment(server, ["AWS_SESSION_TOKEN": token]))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "temporary credentials work\n")
        let request = try E2E.onlyRequest(server)
        #expect(request.header("x-amz-security-token") == token)
        #expect(try Self.authorization(request).signedHeaders.contains("x-amz-security-token"))
        #expect(!result.stderr.contains(token))
    }

    @Test func profileFromSharedFilesWithRegionFromConfig() async throws {
        let server = try E2E.start(.init(replyText: "profile dev answered"))
        defer { server.stop() }
        let dir = NSTemporaryDirectory() + "llmctl-e2e-aws-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
        [default]
        aws_access_key_id = AKIDDEFAULTWRONG
        aws_secret_access_key = not-the-secret-0123456789

        [dev]
        aws_access_key_id = \(Self.accessKey)
        aws_secret_access_key = \(Self.secret)
        aws_session_token = PROFILESESSIONTOKEN0123456789
        """.write(toFile: dir + "/credentials", atomically: true, encoding: .utf8)
        try """
        [default]
        region = us-east-1

        [profile dev]
        region = eu-west-1
        output = json
        """.write(toFile: dir + "/config", atomically: true, encoding: .utf8)
        let env = E2E.environment(["AWS_SHARED_CREDENTIALS_FILE": dir + "/credentials",
                                   "AWS_CONFIG_FILE": dir + "/config", "AWS_PROFILE": "dev",
                                   "AWS_ENDPOINT_URL": server.baseURL])
        let result = try await E2E.run(["ask", "-m", Self.model, "hi"], env)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "profile dev answered\n")
        let request = try E2E.onlyRequest(server)
        let auth = try Self.authorization(request)
        #expect(auth.scope.first == Self.accessKey)
        #expect(auth.scope.dropFirst(2).first == "eu-west-1", "region from [profile dev] in the config file")
        #expect(request.header("x-amz-security-token") == "PROFILESESSIONTOKEN0123456789")
        #expect(auth.signedHeaders.contains("x-amz-security-token"))
    }

    @Test func bedrockAPIKeyIsABearerToken() async throws {
        let token = "bedrock-api-key-e2e-0123456789"
        let server = try E2E.start(.init(replyText: "bearer accepted", acceptedKeys: [token]))
        defer { server.stop() }
        let env = E2E.environment(["AWS_BEARER_TOKEN_BEDROCK": token, "AWS_REGION": "us-west-2",
                                   "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": server.baseURL])
        let result = try await E2E.run(["ask", "-m", Self.model, "hi"], env)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "bearer accepted\n")
        let request = try E2E.onlyRequest(server)
        #expect(request.header("authorization") == "Bearer \(token)")
        #expect(request.header("x-amz-date") == nil)

        let wrong = try await E2E.run(["ask", "--retries", "0", "-m", Self.model, "hi"],
                                env.merging(["AWS_BEARER_TOKEN_BEDROCK": "bedrock-api-key-wrong-98765"]) { _, new in new })
        E2E.expectOneLineError(wrong, status: 4, naming: "AWS_BEARER_TOKEN_BEDROCK", secrets: ["bedrock-api-key-wrong-98765"])
    }

    @Test func wrongSecretIsA403ThatExitsFourWithoutPrintingIt() async throws {
        let server = try E2E.start()
        defer { server.stop() }
        let wrong = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYWRONGKEY"
        let result = try await E2E.run(["ask", "--retries", "0", "-m", Self.model, "hi"],
                                 Self.environment(server, ["AWS_SECRET_ACCESS_KEY": wrong]))
        E2E.expectOneLineError(result, status: 4, naming: "AWS_ACCESS_KEY_ID", secrets: [wrong, "wJalrXUtnFEMI"])
        #expect(result.stderr.contains("InvalidSignatureException"), "stderr: \(result.stderr)")
    }

    @Test func throttledRequestIsResignedAndRetriedAfterXAmzRetryAfter() async throws {
        let server = try E2E.start(.init(replyText: "throttle lifted"))
        defer { server.stop() }
        server.enqueueFaults([.http(429, retryAfter: .milliseconds(1000))])
        let started = Date()
        let result = try await E2E.run(["ask", "-m", Self.model, "hi"], Self.environment(server))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "throttle lifted\n")
        #expect(Date().timeIntervalSince(started) >= 1.0)
        #expect(result.stderr.contains("HTTP 429 from bedrock, retrying in 1.0 s (attempt 2 of 3)"), "stderr: \(result.stderr)")
        #expect(server.recordedRequests.count == 2)
    }

    @Test func regionFromAWSDefaultRegionAndKeysFromTheConfigFile() async throws {
        let server = try E2E.start(.init(replyText: "config file keys"))
        defer { server.stop() }
        let dir = NSTemporaryDirectory() + "llmctl-e2e-aws-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/.aws", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // No AWS_CONFIG_FILE: the default ~/.aws/config under HOME; keys may live in the config file too.
        try """
        [default]
        aws_access_key_id = \(Self.accessKey)
        aws_secret_access_key = \(Self.secret)
        region = ap-south-1
        """.write(toFile: dir + "/.aws/config", atomically: true, encoding: .utf8)
        var env = CLIRunner.baseEnvironment(home: dir)
        env["AWS_DEFAULT_REGION"] = "sa-east-1"
        env["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] = server.baseURL
        let result = try await E2E.run(["ask", "-m", Self.model, "hi"], env)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "config file keys\n")
        let auth = try Self.authorization(E2E.onlyRequest(server))
        #expect(auth.scope.dropFirst(2).first == "sa-east-1", "AWS_DEFAULT_REGION beats the profile's region")
    }

    @Test func throttlingExceptionFrameMidStreamKeepsThePartialText() async throws {
        let server = try E2E.start(.init(tokens: 20))
        defer { server.stop() }
        server.enqueueFaults([MockFault(midStreamErrorAfter: 7, errorType: "throttlingException")])
        let result = try await E2E.run(["ask", "--retries", "0", "-m", Self.model, "tell me"], Self.environment(server))
        E2E.expectPartialKept(result, before: "token3")
        #expect(result.stdout == "Mock reply to: tell me. token1 token2 \n")
        #expect(result.stderr.contains("throttlingException"), "stderr: \(result.stderr)")
    }

    @Test func modelStreamErrorExceptionMidStreamKeepsThePartialText() async throws {
        let server = try E2E.start(.init(tokens: 20))
        defer { server.stop() }
        server.enqueueFaults([MockFault(midStreamErrorAfter: 6, errorType: "modelStreamErrorException")])
        let result = try await E2E.run(["ask", "--retries", "0", "-m", Self.model, "tell me"], Self.environment(server))
        E2E.expectPartialKept(result, before: "token2")
        #expect(result.stderr.contains("modelStreamErrorException"), "stderr: \(result.stderr)")
    }
}
