#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MockProviders

/// A response as read off the wire by `TestClient`.
struct TestResponse {
    var status = 0
    var headers: [(String, String)] = []
    /// The body with chunked framing removed.
    var body: [UInt8] = []
    /// Each HTTP chunk's payload, in order (empty for Content-Length bodies).
    var chunks: [[UInt8]] = []
    /// True when the body ended properly: the terminating 0-chunk, or all Content-Length bytes.
    var complete = false

    var text: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The body parsed as a JSON object.
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }

    /// SSE events as (event name, data) split on blank lines; accepts LF, CRLF or CR terminators.
    var sseEvents: [(event: String?, data: String)] {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return normalized.components(separatedBy: "\n\n").filter { !$0.isEmpty }.map { block in
            var event: String?
            var data: [String] = []
            for line in block.split(separator: "\n") {
                if line.hasPrefix("event: ") { event = String(line.dropFirst(7)) }
                if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
            }
            return (event, data.joined(separator: "\n"))
        }
    }

    /// Data payloads of the SSE events, decoded as JSON objects where possible.
    var sseObjects: [[String: Any]] {
        sseEvents.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.data.utf8))) as? [String: Any] }
    }
}

/// `send(2)` without SIGPIPE; a free function because `TestClient.send` shadows the C name.
private func rawSend(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    send(fd, pointer, count, Int32(MSG_NOSIGNAL))
    #else
    send(fd, pointer, count, 0)
    #endif
}

/// A deliberately simple blocking HTTP/1.1 client on raw sockets, independent of the server's code,
/// so tests see exactly the bytes the server wrote.
final class TestClient {
    let fd: Int32
    private var buffer: [UInt8] = []
    /// Set when the server closed the connection.
    private(set) var closedByPeer = false

    init(port: Int, timeoutSeconds: Int = 5) {
        #if canImport(Glibc)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port)).bigEndian
        addr.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        _ = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }

    deinit { close(fd) }

    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = rawSend(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// Sends one request; adds Host and Content-Length unless given.
    func request(_ method: String, _ target: String, headers: [(String, String)] = [], body: String = "") {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if !headers.contains(where: { $0.0.lowercased() == "content-length" || $0.0.lowercased() == "transfer-encoding" }),
           method != "GET" || !body.isEmpty {
            text += "Content-Length: \(body.utf8.count)\r\n"
        }
        send(text + "\r\n" + body)
    }

    /// Reads one response (interim 1xx responses are returned like any other).
    func readResponse() -> TestResponse {
        var response = TestResponse()
        guard let headEnd = readUntil([0x0D, 0x0A, 0x0D, 0x0A]) else { return response }
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        let lines = head.components(separatedBy: "\r\n")
        response.status = Int(lines[0].split(separator: " ")[1]) ?? 0
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            response.headers.append((String(line[..<colon]),
                                     line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        if response.status < 200 { return response }
        if response.header("transfer-encoding")?.lowercased() == "chunked" {
            while let lineEnd = readUntil([0x0D, 0x0A]) {
                let size = Int(String(decoding: buffer[..<lineEnd], as: UTF8.self), radix: 16) ?? -1
                buffer.removeFirst(lineEnd + 2)
                guard size >= 0, fill(size + 2) else { return response }
                if size == 0 {
                    buffer.removeFirst(2)
                    response.complete = true
                    return response
                }
                let chunk = Array(buffer[..<size])
                response.chunks.append(chunk)
                response.body += chunk
                buffer.removeFirst(size + 2)
            }
            return response
        }
        if let length = response.header("content-length").flatMap({ Int($0) }) {
            let available = fill(length)
            response.body = Array(buffer.prefix(length))
            buffer.removeFirst(response.body.count)
            response.complete = available
            return response
        }
        while receive() {}  // close-delimited
        response.body = buffer
        buffer.removeAll()
        return response
    }

    /// Whether the server has closed the connection (waits up to `seconds` for EOF).
    func waitForClose(seconds: Int = 2) -> Bool {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        while receive() {}
        return closedByPeer
    }

    private func readUntil(_ marker: [UInt8]) -> Int? {
        while true {
            if buffer.count >= marker.count {
                for i in 0...(buffer.count - marker.count) where buffer[i] == marker[0] {
                    if Array(buffer[i..<(i + marker.count)]) == marker { return i }
                }
            }
            guard receive() else { return nil }
        }
    }

    private func fill(_ count: Int) -> Bool {
        while buffer.count < count { guard receive() else { return false } }
        return true
    }

    private func receive() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let n = recv(fd, &chunk, chunk.count, 0)
        if n == 0 { closedByPeer = true }
        guard n > 0 else { return false }
        buffer += chunk[..<n]
        return true
    }
}

/// One request on a fresh connection.
func roundTrip(_ port: Int, _ target: String, method: String = "POST", headers: [(String, String)] = [],
               body: String = "") -> TestResponse {
    let client = TestClient(port: port)
    client.request(method, target, headers: headers, body: body)
    return client.readResponse()
}

/// A started server; the test stops it with `defer { server.stop() }`.
func started(_ configuration: MockConfiguration = .init()) throws -> MockServer {
    let server = try MockServer(configuration: configuration)
    try server.start()
    return server
}

/// A minimal OpenAI chat body.
func openAIBody(_ prompt: String = "Hello there", stream: Bool = true, extra: String = "") -> String {
    #"{"model":"gpt-4o-mini","stream":\#(stream),\#(extra)"messages":[{"role":"user","content":"\#(prompt)"}]}"#
}

let bearer = ("Authorization", "Bearer sk-test-key-123")
