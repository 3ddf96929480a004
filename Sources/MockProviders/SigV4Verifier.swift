import Crypto
import Foundation
import LoopbackServer

/// The parts of an `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header.
struct SigV4Authorization: Equatable {
    var accessKeyID: String
    var date: String
    var region: String
    var service: String
    var signedHeaders: [String]
    var signature: String

    init?(_ header: String) {
        guard header.hasPrefix("AWS4-HMAC-SHA256 ") else { return nil }
        var fields: [String: String] = [:]
        for part in header.dropFirst("AWS4-HMAC-SHA256 ".count).split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { fields[kv[0].trimmingSpaces] = kv[1].trimmingSpaces }
        }
        guard let credential = fields["Credential"], let signed = fields["SignedHeaders"],
              let signature = fields["Signature"] else { return nil }
        let scope = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard scope.count == 5, scope[4] == "aws4_request" else { return nil }
        accessKeyID = scope[0]
        date = scope[1]
        region = scope[2]
        service = scope[3]
        signedHeaders = signed.split(separator: ";").map { $0.lowercased() }
        self.signature = signature.lowercased()
    }
}

/// Why a SigV4 request was refused, mapped to AWS's error name and message.
struct SigV4Failure: Error, Equatable {
    var errorType: String
    var message: String

    static let mismatch = SigV4Failure(errorType: "InvalidSignatureException",
        message: "The request signature we calculated does not match the signature you provided. Check your AWS "
            + "Secret Access Key and signing method. Consult the service documentation for details.")
}

/// AWS Signature Version 4, as botocore computes it for Bedrock (providers.md §6): the canonical URI is
/// the path as sent, percent-encoded again.
enum SigV4 {
    /// Verifies `request` against the configured credentials for signing name `service`.
    static func verify(_ request: HTTPRequest, accessKeyID: String, secret: String,
                       service expectedService: String = "bedrock") -> SigV4Failure? {
        guard let header = request.header("authorization"), let auth = SigV4Authorization(header) else {
            return SigV4Failure(errorType: "IncompleteSignatureException",
                                message: "Authorization header requires 'Credential', 'Signature' and "
                                    + "'SignedHeaders' parameters.")
        }
        guard auth.accessKeyID == accessKeyID else {
            return SigV4Failure(errorType: "UnrecognizedClientException",
                                message: "The security token included in the request is invalid.")
        }
        guard auth.service == expectedService else {
            return SigV4Failure(errorType: "InvalidSignatureException",
                                message: "Credential should be scoped to correct service: '\(expectedService)'. ")
        }
        guard let timestamp = request.header("x-amz-date") else {
            return SigV4Failure(errorType: "IncompleteSignatureException",
                                message: "Authorization header requires existence of either a 'X-Amz-Date' or a "
                                    + "'Date' header.")
        }
        guard timestamp.hasPrefix(auth.date) else {
            return SigV4Failure(errorType: "InvalidSignatureException",
                                message: "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of "
                                    + "date from HTTP: '\(auth.date)' != '\(timestamp.prefix(8))'")
        }
        guard auth.signedHeaders.contains("host") else {
            return SigV4Failure(errorType: "InvalidSignatureException",
                                message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
        }
        if request.header("x-amz-security-token") != nil && !auth.signedHeaders.contains("x-amz-security-token") {
            return .mismatch
        }
        let bodyHash = sha256Hex(request.body)
        if let claimed = request.header("x-amz-content-sha256"), claimed != bodyHash { return .mismatch }
        guard let canonical = canonicalRequest(method: request.method, rawPath: String(request.path),
                                               rawQuery: String(request.rawQuery), headers: request.headers,
                                               signedHeaders: auth.signedHeaders, payloadHash: bodyHash)
        else { return .mismatch }
        let expected = signature(canonicalRequest: canonical, timestamp: timestamp, date: auth.date,
                                 region: auth.region, service: auth.service, secret: secret)
        return expected == auth.signature ? nil : .mismatch
    }

    /// The canonical request; nil when a signed header is absent from the request.
    static func canonicalRequest(method: String, rawPath: String, rawQuery: String, headers: [MockHTTPHeader],
                                 signedHeaders: [String], payloadHash: String) -> String? {
        var lines = [method, rawPath.isEmpty ? "/" : PercentEncoding.encode(rawPath, keepSlash: true),
                     canonicalQuery(rawQuery)]
        for name in signedHeaders {
            let values = headers.filter { $0.name.lowercased() == name }.map { collapse($0.value) }
            guard !values.isEmpty else { return nil }
            lines.append("\(name):\(values.joined(separator: ","))")
        }
        lines.append("")
        lines.append(signedHeaders.joined(separator: ";"))
        lines.append(payloadHash)
        return lines.joined(separator: "\n")
    }

    /// Hex HMAC-SHA256 signature of the string to sign built from `canonicalRequest`.
    static func signature(canonicalRequest: String, timestamp: String, date: String, region: String,
                          service: String, secret: String) -> String {
        let scope = "\(date)/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", timestamp, scope,
                            hex(SHA256.hash(data: Array(canonicalRequest.utf8)))].joined(separator: "\n")
        var key = SymmetricKey(data: Array("AWS4\(secret)".utf8))
        for part in [date, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
    }

    /// Hex SHA-256 of `bytes`: the payload hash of the canonical request.
    static func sha256Hex(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef")
        var out = ""
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return out
    }

    private static func canonicalQuery(_ raw: String) -> String {
        var pairs: [(name: String, value: String)] = []
        for pair in raw.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = kv.count > 1 ? PercentEncoding.decode(kv[1]) : ""
            pairs.append((PercentEncoding.encode(PercentEncoding.decode(kv[0]), keepSlash: false),
                          PercentEncoding.encode(value, keepSlash: false)))
        }
        pairs.sort { $0.name == $1.name ? $0.value < $1.value : $0.name < $1.name }
        return pairs.map { $0.name + "=" + $0.value }.joined(separator: "&")
    }

    /// Trims and collapses runs of spaces, as SigV4 canonical header values require.
    private static func collapse(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ").trimmingSpaces
    }
}
