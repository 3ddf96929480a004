import Foundation
import HTTPMessage
import Testing
@testable import LLMCore

private let secretKey = "sk-proj-AbCdEf1234567890GhIjKlMnOpQrStUvWxYz"
private let now = Date(timeIntervalSince1970: 1_700_000_000)

private func endpoint(kind: ProviderKind = .openAI, credential: Credential? = nil) -> Endpoint {
    Endpoint(name: kind == .openAI ? "openai" : "azure", kind: kind, baseURL: "https://api.openai.com/v1",
             credential: credential ?? .apiKey(Secret(secretKey), source: "OPENAI_API_KEY"),
             credentialHint: "OPENAI_API_KEY")
}

private func mapError(_ status: Int, _ body: String, headers: HTTPHeaders = [:], endpoint: Endpoint = endpoint()) -> ProviderError {
    OpenAIErrorMapper.map(status: status, headers: headers, body: Array(body.utf8), endpoint: endpoint, now: now)
}

private func isOneLine(_ error: ProviderError) -> Bool {
    !error.message.isEmpty && !error.message.contains("\n") && !error.message.contains("\r")
}

@Suite struct OpenAIErrorTests {
    @Test func unauthorizedNamesTheSourceAndNeverTheKey() {
        let body = """
            {"error":{"message":"Incorrect API key provided: sk-proj-AbC*****************************WxYz. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}
            """
        let error = mapError(401, body)
        #expect(error.category == .auth)
        #expect(error.status == 401)
        #expect(error.exitStatus == .auth)
        #expect(error.message.contains("OPENAI_API_KEY"))
        #expect(!error.message.contains("sk-"))
        #expect(!error.message.contains("WxYz"))
        #expect(!error.message.contains(secretKey))
        #expect(error.providerCode == "invalid_api_key")
        #expect(isOneLine(error))
    }

    @Test func unauthorizedWithoutAKeyNamesTheVariableToSet() {
        let error = mapError(401, "{}", endpoint: endpoint(credential: Credential.none))
        #expect(error.category == .auth)
        #expect(error.message.contains("export OPENAI_API_KEY"))
    }

    @Test func keysEchoedInOtherMessagesAreScrubbed() {
        let body = #"{"error":{"message":"Project for key \#(secretKey) and sk-abc1***********wxyz has no access","type":"invalid_request_error"}}"#
        let error = mapError(403, body)
        #expect(error.category == .permission)
        #expect(!error.message.contains(secretKey))
        #expect(!error.message.contains("sk-abc1"))
        #expect(error.message.contains("has no access"))
        #expect(error.message.contains("OPENAI_API_KEY"))
    }

    @Test func statusCategories() {
        let body = #"{"error":{"message":"nope","type":"t","param":null,"code":"c"}}"#
        let expected: [(Int, ProviderError.Category)] = [
            (400, .badRequest), (403, .permission), (404, .notFound), (408, .server), (409, .server),
            (413, .badRequest), (422, .badRequest), (429, .rateLimited), (500, .server), (502, .server),
            (503, .overloaded), (529, .overloaded),
        ]
        for (status, category) in expected {
            let error = mapError(status, body)
            #expect(error.category == category, "HTTP \(status)")
            #expect(error.status == status)
            #expect(error.message.contains("nope"), "HTTP \(status): \(error.message)")
            #expect(error.providerCode == "c")
            #expect(isOneLine(error))
        }
    }

    @Test func insufficientQuotaSaysRetryingWillNotHelp() {
        let body = #"{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"#
        let error = mapError(429, body, headers: ["retry-after": "20"])
        #expect(error.category == .rateLimited)
        #expect(error.shouldRetry == false)
        #expect(error.message.contains("quota"))
        #expect(error.message.contains("retrying will not help"))
    }

    @Test func rateLimitCarriesRetryAfterRequestIDAndShouldRetry() {
        let headers: HTTPHeaders = ["Retry-After-Ms": "1500", "retry-after": "2", "x-should-retry": "true",
                                    "x-request-id": "req_123"]
        let error = mapError(429, #"{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}"#,
                             headers: headers)
        #expect(error.category == .rateLimited)
        #expect(error.retryAfter == 1.5)
        #expect(error.shouldRetry == true)
        #expect(error.requestID == "req_123")
        #expect(error.message.contains("wait 1.5s"))
        #expect(mapError(500, "{}", headers: ["x-should-retry": "false"]).shouldRetry == false)
    }

    @Test func flatVLLMShapeAndIntegerCode() {
        let error = mapError(400, #"{"object":"error","message":"max_tokens is too large","type":"BadRequestError","param":null,"code":400}"#)
        #expect(error.category == .badRequest)
        #expect(error.message.contains("max_tokens is too large"))
        #expect(error.providerCode == "400")
    }

    @Test func azureCodeAsStringAndContentFilter() {
        let azure = endpoint(kind: .azureOpenAI, credential: .apiKey(Secret(secretKey), source: "AZURE_OPENAI_API_KEY"))
        let limited = mapError(429, #"{"error":{"code":"429","message":"Requests have exceeded the limit. Please retry after 7 seconds."}}"#,
                               headers: ["retry-after": "7"], endpoint: azure)
        #expect(limited.category == .rateLimited)
        #expect(limited.retryAfter == 7)
        let filtered = mapError(400, #"{"error":{"message":"The response was filtered","type":null,"param":"prompt","code":"content_filter","status":400}}"#,
                                endpoint: azure)
        #expect(filtered.category == .blocked)
        let missing = mapError(404, #"{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist."}}"#,
                               endpoint: azure)
        #expect(missing.category == .notFound)
        #expect(missing.message.contains("deployment name"))
        let unauthorized = mapError(401, #"{"error":{"code":"401","message":"Access denied due to invalid subscription key."}}"#,
                                    endpoint: azure)
        #expect(unauthorized.message.contains("AZURE_OPENAI_API_KEY"))
    }

    @Test func nonJSONBodies() {
        let html = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center></body></html>"
        let gateway = mapError(502, html)
        #expect(gateway.category == .server)
        #expect(gateway.message.contains("502 Bad Gateway"))
        #expect(isOneLine(gateway))
        let plain = mapError(503, "\n\nupstream connect error or disconnect/reset before headers\nmore detail")
        #expect(plain.message.contains("upstream connect error"))
        #expect(!plain.message.contains("more detail"))
        let long = mapError(500, String(repeating: "x", count: 5000))
        #expect(long.message.count < 400)
        #expect(isOneLine(mapError(500, "")))
    }

    @Test func detailAndMessageShapes() {
        #expect(mapError(422, #"{"detail":"Field required: messages"}"#).message.contains("Field required"))
        #expect(mapError(400, #"{"message":"model not loaded"}"#).message.contains("model not loaded"))
    }

    @Test func keyLikeWordDetection() {
        #expect(OpenAIErrorText.looksLikeKey("sk-abc1***********wxyz"))
        #expect(OpenAIErrorText.looksLikeKey("gsk_0123456789abcdefghijklmnop"))
        #expect(OpenAIErrorText.looksLikeKey("AbCdEf1234567890GhIjKlMn"))
        #expect(!OpenAIErrorText.looksLikeKey("https://platform.openai.com/account/api-keys"))
        #expect(!OpenAIErrorText.looksLikeKey("rate_limit_exceeded"))
        #expect(!OpenAIErrorText.looksLikeKey("gpt-4o-mini-2024-07-18"))
    }
}
