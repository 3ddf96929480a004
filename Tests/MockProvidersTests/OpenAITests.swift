import Foundation
import MockProviders
import Testing

/// OpenAI Chat Completions framing, usage, finish reasons and errors (providers.md §2).
struct OpenAITests {
    @Test func streamHasRoleContentFinishAndDone() throws {
        let server = try started(.init(tokens: 7))
        defer { server.stop() }
        let response = roundTrip(server.port, "/v1/chat/completions", headers: [bearer], body: openAIBody())
        #expect(response.status == 200)
        #expect(response.header("content-type")?.hasPrefix("text/event-stream") == true)
        #expect(response.header("transfer-encoding") == "chunked")
        #expect(response.complete)
        let events = response.sseEvents
        #expect(events.allSatisfy { $0.event == nil })
        #expect(events.last?.data == "[DONE]")
        #expect(response.text.hasSuffix("data: [DONE]\n\n"))
        let objects = response.sseObjects
        #expect(objects.count == 1 + 7 + 1)  // role, deltas, finish; no usage chunk unless asked
        let first = try #require(objects.first)
        #expect(first["object"] as? String == "chat.completion.chunk")
        #expect(first["system_fingerprint"] as? String != nil)
        #expect(first["obfuscation"] as? String != nil)
        let firstDelta = ((first["choices"] as? [[String: Any]])?.first?["delta"]) as? [String: Any]
        #expect(firstDelta?["role"] as? String == "assistant")
        #expect(firstDelta?["content"] as? String == "")
        let text = objects.dropFirst().compactMap {
            (($0["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any])?["content"] as? String
        }.joined()
        #expect(text == "Mock reply to: Hello there. token1 token2 ")
        let finish = (objects.last?["choices"] as? [[String: Any]])?.first
        #expect(finish?["finish_reason"] as? String == "stop")
        #expect(Set(objects.compactMap { $0["id"] as? String }).count == 1)
    }

    @Test func usageChunkOnlyWhenRequested() throws {
        let server = try started(.init(tokens: 5))
        defer { server.stop() }
        let body = openAIBody("one two three", extra: #""stream_options":{"include_usage":true},"#)
        let response = roundTrip(server.port, "/v1/chat/completions", headers: [bearer], body: body)
        let objects = response.sseObjects
        let usageChunk = try #require(objects.last)
        #expect((usageChunk["choices"] as? [Any])?.isEmpty == true)
        let usage = try #require(usageChunk["usage"] as? [String: Any])
        #expect(usage["prompt_tokens"] as? Int == 3)
        #expect(usage["completion_tokens"] as? Int == 5)
        #expect(usage["total_tokens"] as? Int == 8)
        #expect(objects.dropLast().allSatisfy { $0["usage"] == nil })
    }

    @Test func maxTokensStopsWithLength() throws {
        let server = try started(.init(tokens: 10))
        defer { server.stop() }
        let body = openAIBody(extra: #""max_completion_tokens":3,"#)
        let objects = roundTrip(server.port, "/v1/chat/completions", headers: [bearer], body: body).sseObjects
        #expect(objects.count == 1 + 3 + 1)
        #expect((objects.last?["choices"] as? [[String: Any]])?.first?["finish_reason"] as? String == "length")
    }

    @Test func nonStreamingIsOneCompletionWithUsage() throws {
        let server = try started(.init(tokens: 5))
        defer { server.stop() }
        let response = roundTrip(server.port, "/v1/chat/completions", headers: [bearer],
                                 body: openAIBody("a b", stream: false))
        #expect(response.status == 200)
        #expect(response.header("content-length") == String(response.body.count))
        let json = response.json
        #expect(json["object"] as? String == "chat.completion")
        let message = (json["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any]
        #expect(message?["content"] as? String == "Mock reply to: a b. ")
        let usage = json["usage"] as? [String: Any]
        #expect(usage?["prompt_tokens"] as? Int == 2)
        #expect(usage?["completion_tokens"] as? Int == 5)
    }

    @Test func anyPrefixEndingInChatCompletionsWorks() throws {
        let server = try started()
        defer { server.stop() }
        let response = roundTrip(server.port, "/api/v1/chat/completions", headers: [bearer], body: openAIBody())
        #expect(response.status == 200)
        #expect(response.sseEvents.last?.data == "[DONE]")
    }

    @Test func missingAndWrongKeysAre401() throws {
        let server = try started(.init(acceptedKeys: ["sk-good-key"]))
        defer { server.stop() }
        let missing = roundTrip(server.port, "/v1/chat/completions", body: openAIBody())
        #expect(missing.status == 401)
        #expect((missing.json["error"] as? [String: Any])?["type"] as? String == "invalid_request_error")
        let wrong = roundTrip(server.port, "/v1/chat/completions",
                              headers: [("Authorization", "Bearer sk-bad-key-xyz")], body: openAIBody())
        #expect(wrong.status == 401)
        let error = try #require(wrong.json["error"] as? [String: Any])
        #expect(error["code"] as? String == "invalid_api_key")
        #expect((error["message"] as? String)?.hasPrefix("Incorrect API key provided: sk-...xyz.") == true)
        #expect(error.keys.contains("param"))
        let good = roundTrip(server.port, "/v1/chat/completions",
                             headers: [("Authorization", "Bearer sk-good-key")], body: openAIBody())
        #expect(good.status == 200)
    }

    @Test func missingModelIs404() throws {
        let server = try started()
        defer { server.stop() }
        let body = #"{"model":"missing-model","messages":[{"role":"user","content":"hi"}]}"#
        let response = roundTrip(server.port, "/v1/chat/completions", headers: [bearer], body: body)
        #expect(response.status == 404)
        #expect((response.json["error"] as? [String: Any])?["code"] as? String == "model_not_found")
    }

    @Test func modelListsInEachProvidersShape() throws {
        let server = try started()
        defer { server.stop() }
        let openAI = roundTrip(server.port, "/v1/models", method: "GET", headers: [bearer])
        #expect(openAI.status == 200)
        #expect(openAI.json["object"] as? String == "list")
        #expect(((openAI.json["data"] as? [[String: Any]])?.count ?? 0) > 0)
        let anthropic = roundTrip(server.port, "/v1/models", method: "GET",
                                  headers: [("x-api-key", "k"), ("anthropic-version", "2023-06-01")])
        #expect(anthropic.json["has_more"] as? Bool == false)
        let gemini = roundTrip(server.port, "/v1beta/models", method: "GET", headers: [("x-goog-api-key", "k")])
        #expect(((gemini.json["models"] as? [[String: Any]])?.first?["name"] as? String)?.hasPrefix("models/") == true)
        let ollama = roundTrip(server.port, "/api/tags", method: "GET")
        #expect(((ollama.json["models"] as? [[String: Any]])?.count ?? 0) > 0)
        #expect(roundTrip(server.port, "/v1/models", method: "GET").status == 401)
    }

    @Test func replyTextIsStreamedExactly() throws {
        let text = "Hello, wörld!\n  Second line 😀 end"
        let server = try started(.init(replyText: text))
        defer { server.stop() }
        let objects = roundTrip(server.port, "/v1/chat/completions", headers: [bearer], body: openAIBody()).sseObjects
        let deltas = objects.compactMap {
            (($0["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any])?["content"] as? String
        }.filter { !$0.isEmpty }
        #expect(deltas.joined() == text)
        #expect(deltas == ["Hello, ", "wörld!\n  ", "Second ", "line ", "😀 ", "end"])
    }
}

/// Azure OpenAI, classic deployment path and v1 path (providers.md §3).
struct AzureTests {
    @Test func classicPathNeedsApiVersionAndKey() throws {
        let server = try started()
        defer { server.stop() }
        let path = "/openai/deployments/gpt4o/chat/completions"
        let noVersion = roundTrip(server.port, path, headers: [("api-key", "k")], body: openAIBody())
        #expect(noVersion.status == 404)
        #expect((noVersion.json["error"] as? [String: Any])?["code"] as? String == "404")
        let noKey = roundTrip(server.port, path + "?api-version=2024-10-21", body: openAIBody())
        #expect(noKey.status == 401)
        let missing = roundTrip(server.port, "/openai/deployments/missing-dep/chat/completions?api-version=2024-10-21",
                                headers: [("api-key", "k")], body: openAIBody())
        #expect((missing.json["error"] as? [String: Any])?["code"] as? String == "DeploymentNotFound")
    }

    @Test func streamStartsWithPromptFilterChunk() throws {
        let server = try started(.init(tokens: 3))
        defer { server.stop() }
        let response = roundTrip(server.port, "/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21",
                                 headers: [("api-key", "k")],
                                 body: openAIBody(extra: #""stream_options":{"include_usage":true},"#))
        #expect(response.status == 200)
        let objects = response.sseObjects
        let first = try #require(objects.first)
        #expect((first["choices"] as? [Any])?.isEmpty == true)
        #expect(first["id"] as? String == "")
        #expect(first["model"] as? String == "")
        #expect(first["created"] as? Int == 0)
        #expect(first["prompt_filter_results"] != nil)
        let content = objects[2]
        let choice = (content["choices"] as? [[String: Any]])?.first
        #expect(choice?["content_filter_results"] != nil)
        #expect(objects.last?["usage"] != nil)
        #expect(response.sseEvents.last?.data == "[DONE]")
    }

    @Test func v1PathAcceptsBearer() throws {
        let server = try started()
        defer { server.stop() }
        let response = roundTrip(server.port, "/openai/v1/chat/completions", headers: [bearer], body: openAIBody())
        #expect(response.status == 200)
        #expect((response.sseObjects.first?["choices"] as? [Any])?.isEmpty == true)
    }

    @Test func rateLimitCarriesRetryHeaders() throws {
        let server = try started()
        defer { server.stop() }
        server.enqueueFaults([.http(429, retryAfter: .milliseconds(1500))])
        let response = roundTrip(server.port, "/openai/v1/chat/completions", headers: [("api-key", "k")],
                                 body: openAIBody())
        #expect(response.status == 429)
        #expect(response.header("retry-after") == "2")
        #expect(response.header("retry-after-ms") == "1500")
        #expect((response.json["error"] as? [String: Any])?["code"] as? String == "429")
    }
}
