import Foundation
import LLMClient
import LLMCore
import Testing
@testable import LLMCommands

/// Images are told by their bytes and checked against each provider's limits; text files are inlined.
struct AttachmentTests {
    func directory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("llmctl-attach-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]

    @Test func mediaTypeComesFromTheBytes() throws {
        #expect(ImageFile.mediaType(of: Self.png) == "image/png")
        #expect(ImageFile.mediaType(of: [0xFF, 0xD8, 0xFF, 0xE0]) == "image/jpeg")
        #expect(ImageFile.mediaType(of: Array("GIF89a....".utf8)) == "image/gif")
        #expect(ImageFile.mediaType(of: Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)) == "image/webp")
        #expect(ImageFile.mediaType(of: Array("%PDF-1.7".utf8)) == nil)
        let dir = try directory()
        let misnamed = dir.appendingPathComponent("photo.txt")
        try Data(Self.png).write(to: misnamed)
        #expect(try ImageFile.load(misnamed.path).mediaType == "image/png")
        let text = dir.appendingPathComponent("notes.png")
        try Data("hello".utf8).write(to: text)
        #expect(throws: UsageError.self) { try ImageFile.load(text.path) }
        #expect(throws: UsageError.self) { try ImageFile.load(dir.path) }
    }

    @Test func providerLimitsAndTextOnlyModelsFailBeforeSending() {
        func model(_ provider: String, _ name: String, kind: ProviderKind) -> ResolvedModel {
            ResolvedModel(ref: ModelRef(provider: provider, model: name),
                          endpoint: Endpoint(name: provider, kind: kind, baseURL: "http://127.0.0.1:1"))
        }
        let big = ImageAttachment(mediaType: "image/png", bytes: Self.png + [UInt8](repeating: 0, count: 6_000_000))
        #expect(ImageLimits.problem([big], model: model("anthropic", "claude", kind: .anthropic))?.contains("Anthropic accepts images up to 5 MB") == true)
        #expect(ImageLimits.problem([big], model: model("openai", "gpt-4o", kind: .openAI)) == nil)
        #expect(ImageLimits.problem([big], model: model("bedrock", "claude", kind: .bedrock))?.contains("3.75 MB") == true)
        let small = ImageAttachment(mediaType: "image/png", bytes: Self.png)
        #expect(ImageLimits.problem([small], model: model("deepseek", "deepseek-chat", kind: .openAI))?.contains("does not take images") == true)
        #expect(ImageLimits.problem([small], model: model("openai", "gpt-3.5-turbo", kind: .openAI))?.contains("does not take images") == true)
        #expect(ImageLimits.problem([], model: model("deepseek", "deepseek-chat", kind: .openAI)) == nil)
    }

    @Test func foldersInlineTheirTextFilesAndSkipGitAndBinaries() throws {
        let dir = try directory()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("src/.git"), withIntermediateDirectories: true)
        try "let a = 1\n".write(to: dir.appendingPathComponent("src/a.swift"), atomically: true, encoding: .utf8)
        try "has ``` inside".write(to: dir.appendingPathComponent("src/b.md"), atomically: true, encoding: .utf8)
        try "ref: x".write(to: dir.appendingPathComponent("src/.git/HEAD"), atomically: true, encoding: .utf8)
        try Data(Self.png).write(to: dir.appendingPathComponent("src/logo.png"))
        let root = dir.appendingPathComponent("src").path
        let inlined = try TextFiles.inline([root])
        #expect(inlined.text == "```\(root)/a.swift\nlet a = 1\n```\n\n````\(root)/b.md\nhas ``` inside\n````")
        #expect(inlined.skippedBinary == ["\(root)/logo.png"])
        #expect(throws: UsageError.self) { try TextFiles.inline(["\(root)/logo.png"]) }
        #expect(throws: UsageError.self) { try TextFiles.inline(["\(root)/missing.txt"]) }
    }

    @Test func oversizedFilesAreRefused() throws {
        let dir = try directory()
        let path = dir.appendingPathComponent("big.txt")
        try Data(repeating: 0x61, count: TextFiles.totalLimit + 1).write(to: path)
        do {
            _ = try TextFiles.inline([path.path])
            Issue.record("over the cap must fail")
        } catch {
            #expect("\(error)".contains("more than 2 MiB"))
        }
    }
}
