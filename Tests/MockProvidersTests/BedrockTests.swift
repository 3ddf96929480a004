import Foundation
import LoopbackServer
@testable import MockProviders
import Testing

/// A decoded event-stream message.
struct TestFrame {
    var headers: [String: String]
    var payload: [UInt8]
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(payload))) as? [String: Any] ?? [:] }
}

/// Bitwise CRC-32, written separately from the server's table-driven one.
func bitwiseCRC32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
    }
    return ~crc
}

/// Splits a body into event-stream messages, checking both CRCs of each; nil if any check fails.
func decodeFrames(_ body: [UInt8]) -> [TestFrame]? {
    func u32(_ at: Int) -> Int { Int(body[at]) << 24 | Int(body[at + 1]) << 16 | Int(body[at + 2]) << 8 | Int(body[at + 3]) }
    var frames: [TestFrame] = []
    var offset = 0
    while offset < body.count {
        guard body.count - offset >= 16 else { return nil }
        let total = u32(offset), headerLength = u32(offset + 4)
        guard offset + total <= body.count,
              bitwiseCRC32(body[offset..<(offset + 8)]) == UInt32(u32(offset + 8)),
              bitwiseCRC32(body[offset..<(offset + total - 4)]) == UInt32(u32(offset + total - 4))
        else { return nil }
        var headers: [String: String] = [:]
        var i = offset + 12
        while i < offset + 12 + headerLength {
            let nameLength = Int(body[i])
            let name = String(decoding: body[(i + 1)..<(i + 1 + nameLength)], as: UTF8.self)
            i += 1 + nameLength
            guard body[i] == 7 else { return nil }
            let valueLength = Int(body[i + 1]) << 8 | Int(body[i + 2])
            headers[name] = String(decoding: body[(i + 3)..<(i + 3 + valueLength)], as: UTF8.self)
            i += 3 + valueLength
        }
        frames.append(TestFrame(headers: headers, payload: Array(body[i..<(offset + total - 4)])))
        offset += total
    }
    return frames
}

func hexBytes(_ text: String) -> [UInt8] {
    let digits = Array(text.filter { !$0.isWhitespace })
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
}

/// Event-stream framing against the providers.md §6 vectors.
struct EventStreamTests {
    @Test func contentBlockDeltaVectorIsByteExact() {
        let expected = hexBytes("""
            0000009f 00000057 c37babff
            0b 3a6576656e742d74797065 07 0011 636f6e74656e74426c6f636b44656c7461
            0d 3a636f6e74656e742d74797065 07 0010 6170706c69636174696f6e2f6a736f6e
            0d 3a6d6573736167652d74797065 07 0005 6576656e74
            7b22636f6e74656e74426c6f636b496e646578223a302c2264656c7461223a7b2274657874223a224869227d2c2270223a2261626364227d
            f2ace5ff
            """)
        let frame = EventStream.event("contentBlockDelta", json: #"{"contentBlockIndex":0,"delta":{"text":"Hi"},"p":"abcd"}"#)
        #expect(frame == expected)
    }

    @Test func exceptionVectorLengthsAndCRCs() {
        let frame = EventStream.exception("throttlingException",
                                          json: #"{"message":"Too many requests, please wait before trying again."}"#)
        #expect(frame.count == 178)
        #expect(Array(frame[0..<12]) == hexBytes("000000b2 00000061 3590d5d3"))
        #expect(Array(frame.suffix(4)) == hexBytes("e8ffb26a"))
        #expect(decodeFrames(frame)?.first?.headers[":exception-type"] == "throttlingException")
    }

    @Test func crcMatchesKnownValues() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
    }
}

/// SigV4 verification against the providers.md §6 vector, and Bedrock over the wire.
struct BedrockTests {
    static let body = #"{"messages":[{"role":"user","content":[{"text":"Hi"}]}],"inferenceConfig":{"maxTokens":256}}"#
    static let secret = MockConfiguration.exampleSecretAccessKey

    static func vectorHeaders(path: String) -> [MockHTTPHeader] {
        [MockHTTPHeader("Content-Type", "application/json"),
         MockHTTPHeader("Host", "bedrock-runtime.us-east-1.amazonaws.com"),
         MockHTTPHeader("X-Amz-Date", "20250102T030405Z"),
         MockHTTPHeader("X-Amz-Security-Token", "SESSIONTOKEN")]
    }

    static func signature(path: String) throws -> String {
        let canonical = try #require(SigV4.canonicalRequest(
            method: "POST", rawPath: path, rawQuery: "", headers: vectorHeaders(path: path),
            signedHeaders: ["content-type", "host", "x-amz-date", "x-amz-security-token"],
            payloadHash: SigV4.sha256Hex(Array(body.utf8))))
        return SigV4.signature(canonicalRequest: canonical, timestamp: "20250102T030405Z", date: "20250102",
                               region: "us-east-1", service: "bedrock", secret: secret)
    }

    @Test func canonicalRequestAndSignatureMatchTheVector() throws {
        let path = "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream"
        let canonical = SigV4.canonicalRequest(
            method: "POST", rawPath: path, rawQuery: "", headers: Self.vectorHeaders(path: path),
            signedHeaders: ["content-type", "host", "x-amz-date", "x-amz-security-token"],
            payloadHash: "b700311c06b09665ecff7544a3885e83f50351a92aa2882f660c6f5db70d88da")
        #expect(canonical == """
            POST
            /model/anthropic.claude-3-haiku-20240307-v1%253A0/converse-stream

            content-type:application/json
            host:bedrock-runtime.us-east-1.amazonaws.com
            x-amz-date:20250102T030405Z
            x-amz-security-token:SESSIONTOKEN

            content-type;host;x-amz-date;x-amz-security-token
            b700311c06b09665ecff7544a3885e83f50351a92aa2882f660c6f5db70d88da
            """)
        #expect(try Self.signature(path: path) == "152cf353e84832c0a6cb2b0b05dcb93a38b92310f55efd3cee9fefbf8ce814f1")
        #expect(try Self.signature(path: "/model/amazon.titan-text-express-v1/converse-stream")
            == "1f245705da15fd108e63df21f17f90906a29cc1f810eee51f813681a4702ba0f")
    }

    static func vectorRequest(signature: String, accessKey: String = "AKIDEXAMPLE",
                              path: String = "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream",
                              signed: String = "content-type;host;x-amz-date;x-amz-security-token") -> HTTPRequest {
        let auth = "AWS4-HMAC-SHA256 Credential=\(accessKey)/20250102/us-east-1/bedrock/aws4_request, "
            + "SignedHeaders=\(signed), Signature=\(signature)"
        return HTTPRequest(method: "POST", target: path, version: "HTTP/1.1",
                           headers: vectorHeaders(path: path) + [MockHTTPHeader("Authorization", auth)],
                           body: Array(body.utf8))
    }

    @Test func verifierAcceptsTheVectorAndRejectsTampering() {
        let good = "152cf353e84832c0a6cb2b0b05dcb93a38b92310f55efd3cee9fefbf8ce814f1"
        let verify = { (request: HTTPRequest) in
            SigV4.verify(request, accessKeyID: "AKIDEXAMPLE", secret: Self.secret)
        }
        #expect(verify(Self.vectorRequest(signature: good)) == nil)
        #expect(verify(Self.vectorRequest(signature: String(good.reversed())))?.errorType == "InvalidSignatureException")
        // The singly-encoded path signature that curl 7.88.1 produces for this request (providers.md §6).
        #expect(verify(Self.vectorRequest(signature: "012b886a"))?.errorType == "InvalidSignatureException")
        #expect(verify(Self.vectorRequest(signature: good, accessKey: "AKIDOTHER"))?.errorType
            == "UnrecognizedClientException")
        #expect(verify(Self.vectorRequest(signature: good, signed: "content-type;host;x-amz-date"))?.errorType
            == "InvalidSignatureException")
        var tampered = Self.vectorRequest(signature: good)
        tampered.body += [0x20]
        #expect(verify(tampered) == .mismatch)
    }

    /// Signs a request for the running mock (Host 127.0.0.1:PORT) the way botocore would.
    static func signedHeaders(port: Int, path: String, body: String, secret: String = secret,
                              accessKey: String = "AKIDEXAMPLE") -> [(String, String)] {
        let date = "20250102T030405Z"
        let headers = [MockHTTPHeader("Content-Type", "application/json"), MockHTTPHeader("Host", "127.0.0.1"),
                       MockHTTPHeader("X-Amz-Date", date)]
        let canonical = SigV4.canonicalRequest(method: "POST", rawPath: path, rawQuery: "", headers: headers,
                                               signedHeaders: ["content-type", "host", "x-amz-date"],
                                               payloadHash: SigV4.sha256Hex(Array(body.utf8)))!
        let signature = SigV4.signature(canonicalRequest: canonical, timestamp: date, date: "20250102",
                                        region: "us-west-2", service: "bedrock", secret: secret)
        return [("Content-Type", "application/json"), ("X-Amz-Date", date),
                ("Authorization", "AWS4-HMAC-SHA256 Credential=\(accessKey)/20250102/us-west-2/bedrock/aws4_request, "
                    + "SignedHeaders=content-type;host;x-amz-date, Signature=\(signature)")]
    }

    static let streamPath = "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream"

    @Test func signedConverseStreamHasTheBedrockEventSequence() throws {
        let server = try started(.init(tokens: 3))
        defer { server.stop() }
        let response = roundTrip(server.port, Self.streamPath,
                                 headers: Self.signedHeaders(port: server.port, path: Self.streamPath, body: Self.body),
                                 body: Self.body)
        #expect(response.status == 200 && response.complete)
        #expect(response.header("content-type") == "application/vnd.amazon.eventstream")
        let frames = try #require(decodeFrames(response.body))
        #expect(frames.map { $0.headers[":event-type"] ?? "" }
            == ["messageStart", "contentBlockDelta", "contentBlockDelta", "contentBlockDelta",
                "contentBlockStop", "messageStop", "metadata"])
        #expect(frames.allSatisfy { $0.headers[":message-type"] == "event" && $0.headers[":content-type"] == "application/json" })
        #expect(frames.allSatisfy { $0.json["p"] is String })
        let text = frames.compactMap { ($0.json["delta"] as? [String: Any])?["text"] as? String }.joined()
        #expect(text == "Mock reply to: ")
        #expect(frames[5].json["stopReason"] as? String == "end_turn")
        let usage = frames[6].json["usage"] as? [String: Any]
        #expect(usage?["inputTokens"] as? Int == 1)
        #expect(usage?["outputTokens"] as? Int == 3)
        #expect(usage?["totalTokens"] as? Int == 4)
        #expect((frames[6].json["metrics"] as? [String: Any])?["latencyMs"] is Int)
    }

    @Test func wrongSecretAndUnknownKeyAre403WithErrorType() throws {
        let server = try started()
        defer { server.stop() }
        let wrong = roundTrip(server.port, Self.streamPath,
                              headers: Self.signedHeaders(port: server.port, path: Self.streamPath, body: Self.body,
                                                          secret: "not-the-secret"), body: Self.body)
        #expect(wrong.status == 403)
        #expect(wrong.header("x-amzn-ErrorType")
            == "InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/")
        #expect((wrong.json["message"] as? String)?.hasPrefix("The request signature we calculated does not match") == true)
        let unknown = roundTrip(server.port, Self.streamPath,
                                headers: Self.signedHeaders(port: server.port, path: Self.streamPath, body: Self.body,
                                                            accessKey: "AKIDUNKNOWN"), body: Self.body)
        #expect(unknown.header("x-amzn-ErrorType")?.hasPrefix("UnrecognizedClientException:") == true)
        let none = roundTrip(server.port, Self.streamPath, body: Self.body)
        #expect(none.status == 403)
    }

    @Test func bearerKeyNonStreamingAndErrors() throws {
        let server = try started(.init(tokens: 4, acceptedKeys: ["bedrock-api-key"]))
        defer { server.stop() }
        let auth = [("Authorization", "Bearer bedrock-api-key")]
        let converse = roundTrip(server.port, "/model/amazon.nova-lite-v1%3A0/converse", headers: auth, body: Self.body)
        #expect(converse.status == 200)
        #expect(converse.json["stopReason"] as? String == "end_turn")
        #expect((converse.json["usage"] as? [String: Any])?["outputTokens"] as? Int == 4)
        let rejected = roundTrip(server.port, Self.streamPath, headers: [("Authorization", "Bearer other")], body: Self.body)
        #expect(rejected.status == 403)
        server.enqueueFaults([.http(429, retryAfter: .milliseconds(750))])
        let throttled = roundTrip(server.port, Self.streamPath, headers: auth, body: Self.body)
        #expect(throttled.status == 429)
        #expect(throttled.header("x-amzn-ErrorType")?.hasPrefix("ThrottlingException:") == true)
        #expect(throttled.header("x-amz-retry-after") == "750")
        #expect(throttled.json["message"] as? String == "Too many requests, please wait before trying again.")
        let missing = roundTrip(server.port, "/model/missing-model/converse-stream", headers: auth, body: Self.body)
        #expect(missing.status == 404)
    }

    @Test func exceptionFramesMidStream() throws {
        let server = try started(.init(tokens: 5, acceptedKeys: ["k"]))
        defer { server.stop() }
        server.enqueueFaults([MockFault(midStreamErrorAfter: 2),
                              MockFault(midStreamErrorAfter: 0, errorType: "modelStreamErrorException")])
        let auth = [("Authorization", "Bearer k")]
        let throttled = try #require(decodeFrames(roundTrip(server.port, Self.streamPath, headers: auth,
                                                            body: Self.body).body))
        #expect(throttled.count == 4)  // messageStart, two deltas, the exception
        #expect(throttled.last?.headers[":message-type"] == "exception")
        #expect(throttled.last?.headers[":exception-type"] == "throttlingException")
        let modelError = try #require(decodeFrames(roundTrip(server.port, Self.streamPath, headers: auth,
                                                             body: Self.body).body))
        #expect(modelError.last?.headers[":exception-type"] == "modelStreamErrorException")
        #expect(modelError.last?.json["originalStatusCode"] as? Int == 500)
    }

    @Test func splitWritesKeepFramesIntact() throws {
        let server = try started(.init(tokens: 6, acceptedKeys: ["k"]))
        defer { server.stop() }
        server.enqueueFaults([MockFault(splitWrites: true, splitMaxBytes: 3)])
        let response = roundTrip(server.port, Self.streamPath, headers: [("Authorization", "Bearer k")], body: Self.body)
        #expect(response.chunks.count > 100)
        #expect(decodeFrames(response.body)?.count == 10)
    }
}
