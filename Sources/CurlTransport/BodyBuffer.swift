/// Response bytes that arrived and wait for the consumer, kept as the chunks libcurl handed over so
/// that taking them is one copy at most.
struct BodyBuffer: Sendable, Hashable {
    private var chunks: [[UInt8]] = []
    /// Bytes held.
    private(set) var count = 0

    var isEmpty: Bool { chunks.isEmpty }

    /// Copies `bytes` in (libcurl's buffer is only valid during its callback).
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        chunks.append(Self.copy(bytes))
        count += bytes.count
    }

    /// Everything held, as one array; leaves the buffer empty.
    mutating func takeAll() -> [UInt8] {
        defer {
            chunks.removeAll(keepingCapacity: true)
            count = 0
        }
        if chunks.count == 1 { return chunks[0] }
        var data: [UInt8] = []
        data.reserveCapacity(count)
        for chunk in chunks { data.append(contentsOf: chunk) }
        return data
    }

    /// A byte-array copy done with memcpy (the generic initialiser is slow in unoptimised builds).
    private static func copy(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
            if let base = bytes.baseAddress, let target = buffer.baseAddress {
                target.update(from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
            }
            count = bytes.count
        }
    }
}
