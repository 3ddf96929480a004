import Crypto
import struct Foundation.Date
import HTTPMessage

/// AWS Signature Version 4 for request headers, as botocore's `SigV4Auth` computes it. Pure: the clock is an input.
public struct SigV4Signer: Sendable {
    public var credentials: AWSCredentials
    public var region: String
    /// The signing name, e.g. `bedrock` (not the endpoint prefix `bedrock-runtime`).
    public var service: String
    /// Also send (and sign) `x-amz-content-sha256`; Bedrock does not need it, S3 does.
    public var includesContentSHA256: Bool

    /// Creates a signer for one credential, region and service.
    public init(credentials: AWSCredentials, region: String, service: String, includesContentSHA256: Bool = false) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.includesContentSHA256 = includesContentSHA256
    }

    /// The intermediate results of one signature, exposed so tests can compare them with published vectors.
    public struct Signature: Sendable, Hashable {
        /// The headers to add to the request (`X-Amz-Date`, maybe `X-Amz-Security-Token` and
        /// `x-amz-content-sha256`, and `Authorization`).
        public var headers: HTTPHeaders
        public var canonicalRequest: String
        public var stringToSign: String
        /// Lower-case hex signature.
        public var signature: String
    }

    /// Signs a request and returns the headers to add; `headers` are the ones that will be sent (besides `Host`).
    public func sign(method: String, url: String, headers: HTTPHeaders, body: [UInt8], date: Date) throws -> Signature {
        guard let parts = SigV4URLParts(url) else { throw SigV4Error.invalidURL(url) }
        let timestamp = AWSTimestamp(date)
        let payloadHash = Self.hex(SHA256.hash(data: body))

        // The headers SigV4 adds are part of what is signed, so they are added before canonicalising;
        // stale copies (a retry of an already signed request) are dropped first.
        var added = HTTPHeaders()
        added.add("X-Amz-Date", timestamp.dateTime)
        if let token = credentials.sessionToken { added.add("X-Amz-Security-Token", token.value) }
        if includesContentSHA256 { added.add("x-amz-content-sha256", payloadHash) }

        var signed = headers
        for name in ["authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256"] {
            signed.remove(name)
        }
        if signed["host"] == nil { signed.add("host", parts.hostHeader) }
        for field in added { signed.add(field.name, field.value) }

        let canonicalHeaders = SigV4Canonical.headers(signed)
        let signedNames = canonicalHeaders.map(\.name).joined(separator: ";")
        let canonicalRequest = [
            method.uppercased(),
            SigV4Canonical.uri(path: parts.path, service: service),
            SigV4Canonical.query(parts.query),
            canonicalHeaders.map { "\($0.name):\($0.value)\n" }.joined(),
            signedNames,
            payloadHash,
        ].joined(separator: "\n")

        let scope = "\(timestamp.date)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", timestamp.dateTime, scope,
            Self.hex(SHA256.hash(data: Array(canonicalRequest.utf8))),
        ].joined(separator: "\n")

        var key = SymmetricKey(data: Array(("AWS4" + credentials.secretAccessKey.value).utf8))
        for step in [timestamp.date, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(step.utf8), using: key)))
        }
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))

        added.add("Authorization", "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), "
                  + "SignedHeaders=\(signedNames), Signature=\(signature)")
        return Signature(headers: added, canonicalRequest: canonicalRequest, stringToSign: stringToSign,
                         signature: signature)
    }

    /// Signs `request` in place: replaces any earlier signing headers with fresh ones.
    public func sign(_ request: inout HTTPRequestSpec, date: Date) throws {
        let result = try sign(method: request.method, url: request.url, headers: request.headers,
                              body: request.body, date: date)
        for field in result.headers { request.headers.set(field.name, field.value) }
    }

    private static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Why a request could not be signed.
public enum SigV4Error: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidURL(String)

    public var description: String {
        switch self {
        case .invalidURL(let url): "cannot sign the request: '\(url)' is not an absolute http(s) URL"
        }
    }
}

/// `YYYYMMDD'T'HHMMSS'Z'` and `YYYYMMDD` in UTC, computed arithmetically so no locale or calendar is involved.
struct AWSTimestamp: Sendable, Hashable {
    var dateTime: String
    var date: String

    init(_ instant: Date) {
        let seconds = Int64(instant.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Howard Hinnant's days-from-civil inverse, valid for the proleptic Gregorian calendar.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        date = pad(year, 4) + pad(month, 2) + pad(day, 2)
        dateTime = date + "T" + pad(secondOfDay / 3600, 2) + pad(secondOfDay % 3600 / 60, 2) + pad(secondOfDay % 60, 2) + "Z"
    }
}
