import Foundation
import LLMClient
import LLMCore

/// `-a/--attach PATH`: an image read from disk, its media type told by its bytes (not its name).
public enum ImageFile {
    /// The most llmctl reads for one image, whatever the provider (larger files are refused unread).
    static let readLimit = 64 << 20

    /// The image at `path`; a `UsageError` when it is unreadable, not a PNG, JPEG, GIF or WebP, or empty.
    public static func load(_ path: String) throws -> ImageAttachment {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if (attributes?[.type] as? FileAttributeType) == .typeDirectory {
            throw UsageError("--attach \(path): is a directory; attach image files (use -f/--file for a folder of text)")
        }
        if let size = attributes?[.size] as? Int, size > readLimit {
            throw UsageError("--attach \(path): \(ByteCount.text(size)) is larger than any provider accepts")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError("--attach \(path): cannot read the file")
        }
        let bytes = [UInt8](data)
        guard let mediaType = mediaType(of: bytes) else {
            throw UsageError("--attach \(path): not a PNG, JPEG, GIF or WebP image (for text use -f/--file)")
        }
        return ImageAttachment(mediaType: mediaType, bytes: bytes)
    }

    /// The media type the file's signature says, or nil for anything else.
    public static func mediaType(of bytes: [UInt8]) -> String? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return "image/gif" }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return "image/webp" }
        return nil
    }
}

/// What each provider accepts, checked before anything is sent.
public enum ImageLimits {
    /// The largest single image `endpoint` takes, with the provider's own wording of the limit.
    public static func perImage(_ kind: ProviderKind) -> (bytes: Int, text: String) {
        switch kind {
        case .anthropic: (5 * 1_000_000, "Anthropic accepts images up to 5 MB")
        case .bedrock: (3_750_000, "Bedrock accepts images up to 3.75 MB")
        case .gemini: (20 * 1_000_000, "Gemini accepts inline data up to 20 MB per request")
        case .ollama: (64 << 20, "llmctl sends images up to 64 MiB")
        case .openAI, .azureOpenAI: (20 * 1_000_000, "OpenAI accepts images up to 20 MB")
        }
    }

    /// Endpoints known to take no images at all: DeepSeek's API is text only.
    static let textOnlyEndpoints: Set<String> = ["deepseek"]

    /// Models known to take no images (OpenAI's text-only and older models).
    static func isTextOnlyModel(_ model: String) -> Bool {
        let name = model.lowercased()
        return name.hasPrefix("gpt-3.5") || name.hasPrefix("o1-mini") || name.hasPrefix("o3-mini")
            || name.hasPrefix("deepseek-") || name.hasPrefix("text-")
    }

    /// Nil when `images` may be sent to `model` at `endpoint`; else a one-line error saying why not.
    public static func problem(_ images: [ImageAttachment], model: ResolvedModel) -> String? {
        guard !images.isEmpty else { return nil }
        let ref = model.ref.description
        if textOnlyEndpoints.contains(model.endpoint.name) || isTextOnlyModel(model.ref.model) {
            return "\(ref) does not take images; choose a vision model (e.g. openai:gpt-4o-mini) or leave out --attach"
        }
        let limit = perImage(model.endpoint.kind)
        if let big = images.first(where: { $0.bytes.count > limit.bytes }) {
            return "an attached image is \(ByteCount.text(big.bytes.count)); \(limit.text): scale it down"
        }
        if model.endpoint.kind == .gemini {
            let total = images.reduce(0) { $0 + $1.bytes.count }
            if total > limit.bytes { return "the attached images total \(ByteCount.text(total)); \(limit.text): attach fewer or smaller ones" }
        }
        return nil
    }
}

/// `3.4 MB`, `820 KB`: sizes as people read them (decimal, like the providers' limits).
enum ByteCount {
    static func text(_ bytes: Int) -> String {
        if bytes >= 1_000_000 { return String(format: "%.1f MB", Double(bytes) / 1_000_000) }
        if bytes >= 1_000 { return String(format: "%.0f KB", Double(bytes) / 1_000) }
        return "\(bytes) bytes"
    }
}
