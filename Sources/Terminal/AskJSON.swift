import Foundation
import LLMClient
import LLMCore

/// The single JSON object `llmctl ask --json` prints.
enum AskJSON {
    static func render(result: ChatResult?, error: ErrorReport?) -> String {
        var object: [String: Any] = [:]
        if let result {
            object["text"] = result.text
            object["provider"] = result.model.provider
            object["model"] = result.model.model
            object["finish_reason"] = result.finishReason ?? NSNull()
            let usage = result.usage
            object["usage"] = [
                "input_tokens": usage?.inputTokens ?? NSNull(),
                "output_tokens": usage?.outputTokens ?? NSNull(),
                "total_tokens": usage?.totalTokens ?? usage.flatMap { u in
                    u.inputTokens.flatMap { i in u.outputTokens.map { i + $0 } }
                } ?? NSNull(),
            ] as [String: Any]
            let s = result.stats
            object["timing"] = [
                "ttft_ms": s.ttftMs.map(round3) ?? NSNull(),
                "total_ms": round3(s.totalMs),
                "tokens_per_s": s.tokensPerSecond.map(round3) ?? NSNull(),
            ] as [String: Any]
            if let c = s.connection {
                object["connection"] = [
                    "reused": c.reused, "http_version": c.httpVersion, "dns_ms": round3(c.dnsMs),
                    "connect_ms": round3(c.connectMs), "tls_ms": round3(c.tlsMs), "first_byte_ms": round3(c.firstByteMs),
                    "local_port": c.localPort, "remote_ip": c.remoteIP,
                ] as [String: Any]
            } else {
                object["connection"] = NSNull()
            }
            object["attempts"] = s.attempts.map { a -> [String: Any] in
                ["model": a.model, "outcome": a.outcome, "status": a.status ?? NSNull(), "waited_ms": round3(a.waitedMs),
                 "reused_connection": a.reusedConnection ?? NSNull()]
            }
        }
        if let error {
            object["error"] = ["message": error.message, "kind": error.kind, "exit_code": Int(error.status.rawValue),
                               "http_status": error.httpStatus ?? NSNull()] as [String: Any]
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    private static func round3(_ v: Double) -> Double { (v * 1000).rounded() / 1000 }
}
