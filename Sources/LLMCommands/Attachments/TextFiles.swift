import Foundation
import LLMClient

/// `-f/--file PATH`: text files inlined into the prompt, each as a fenced block headed by its path.
/// A directory means its text files, recursively, in name order, skipping `.git` and binary files.
public enum TextFiles {
    /// The most text all `-f` files may add to one prompt.
    public static let totalLimit = 2 << 20

    /// The inlined text and how many binary files were skipped (for a note).
    public struct Inlined: Sendable, Hashable {
        public var text: String
        public var skippedBinary: [String]
    }

    public static func inline(_ paths: [String]) throws -> Inlined {
        var blocks: [String] = []
        var skipped: [String] = []
        var total = 0
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw UsageError("--file \(path): no such file or directory")
            }
            let files = isDirectory.boolValue ? try walk(path) : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw UsageError("--file \(file): cannot read the file")
                }
                total += data.count
                if total > totalLimit {
                    throw UsageError("--file \(path): the files add up to more than \(totalLimit >> 20) MiB of text; name fewer or smaller files")
                }
                guard let text = textContent(data) else {
                    // A named file that is binary is an error; a binary file found in a folder is skipped.
                    if !isDirectory.boolValue { throw UsageError("--file \(file): is a binary file, not text (images go with -a/--attach)") }
                    skipped.append(file)
                    continue
                }
                blocks.append(fenced(text, path: file))
            }
        }
        return Inlined(text: blocks.joined(separator: "\n\n"), skippedBinary: skipped)
    }

    /// Regular files under `root`, sorted, not descending into `.git`.
    static func walk(_ root: String) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: URL(fileURLWithPath: root),
                                                              includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey]) else {
            throw UsageError("--file \(root): cannot read the directory")
        }
        var files: [String] = []
        for case let url as URL in enumerator {
            if url.lastPathComponent == ".git" {
                enumerator.skipDescendants()
                continue
            }
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                let relative = String(url.path.dropFirst(URL(fileURLWithPath: root).path.count)).drop { $0 == "/" }
                files.append((root as NSString).appendingPathComponent(String(relative)))
            }
        }
        return files.sorted()
    }

    /// The file's text when it is text: valid UTF-8 with no NUL byte.
    static func textContent(_ data: Data) -> String? {
        if data.contains(0) { return nil }
        return String(validating: data, as: UTF8.self)
    }

    /// ```` ```path ```` … ```` ``` ````, with a fence longer than any backtick run in the text.
    static func fenced(_ text: String, path: String) -> String {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        return "\(fence)\(path)\n\(body)\n\(fence)"
    }
}
