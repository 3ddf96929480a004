import Foundation

/// What Tab should do, computed from the text before the cursor alone (no terminal involved).
public struct Completion: Sendable, Hashable {
    /// The partial word being completed, as typed.
    public var token: String
    /// Full replacements for `token`, sorted; directories end with `/`.
    public var candidates: [String]

    /// The edit Tab makes.
    public enum Action: Sendable, Hashable {
        /// Append this text at the cursor.
        case insert(String)
        /// Several ways to go on and no common prefix to add: show them.
        case list([String])
        case none
    }

    /// One candidate completes the word (plus a space, unless it is a directory); several insert
    /// their common prefix, or are listed when that adds nothing.
    public var action: Action {
        guard !candidates.isEmpty else { return .none }
        if candidates.count == 1, let only = candidates.first {
            let suffix = String(only.dropFirst(token.count))
            return .insert(only.hasSuffix("/") ? suffix : suffix + " ")
        }
        let common = Self.commonPrefix(candidates)
        if common.count > token.count { return .insert(String(common.dropFirst(token.count))) }
        return .list(candidates)
    }

    static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for s in strings.dropFirst() {
            let chars = Array(s)
            var n = 0
            while n < min(prefix.count, chars.count), prefix[n] == chars[n] { n += 1 }
            prefix = Array(prefix.prefix(n))
        }
        return String(prefix)
    }
}

/// Tab completion candidates for slash commands and their arguments.
public struct Completer: Sendable {
    /// One directory entry for path completion.
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var isDirectory: Bool
        public init(name: String, isDirectory: Bool) {
            self.name = name
            self.isDirectory = isDirectory
        }
    }

    public var models: [String]
    /// Entries of a directory (already `~`-expanded), or nil when it cannot be read.
    public var listDirectory: @Sendable (String) -> [Entry]?
    public var home: String

    public init(models: [String], home: String = NSHomeDirectory(),
                listDirectory: @escaping @Sendable (String) -> [Entry]? = Completer.listFileSystem) {
        self.models = models
        self.home = home
        self.listDirectory = listDirectory
    }

    /// Candidates for the text before the cursor; nil when Tab has nothing to complete there.
    public func complete(_ before: String) -> Completion? {
        guard before.hasPrefix("/"), !before.hasPrefix("//"), !before.contains("\n") else { return nil }
        guard let space = before.firstIndex(of: " ") else {
            let typed = String(before.dropFirst()).lowercased()
            let names = SlashCommands.all.flatMap(\.spellings).filter { $0 != "?" && $0.hasPrefix(typed) }
            return Completion(token: before, candidates: names.map { "/" + $0 }.sorted())
        }
        let word = String(before[before.index(after: before.startIndex)..<space])
        guard let command = SlashCommands.command(named: word) else { return nil }
        let rest = String(before[before.index(after: space)...]).drop { $0 == " " }
        return complete(argument: String(rest), of: command)
    }

    private func complete(argument: String, of command: SlashCommand) -> Completion? {
        switch command.argument {
        case .none, .text:
            return nil
        case .model:
            // The last word: `/compare` takes several models.
            let word = String(argument.split(separator: " ", omittingEmptySubsequences: false).last ?? "")
            return Completion(token: word, candidates: models.filter { $0.hasPrefix(word) }.sorted())
        case .command:
            let names = SlashCommands.all.map(\.name.rawValue).filter { $0.hasPrefix(argument) }
            return Completion(token: argument, candidates: names)
        case .setting:
            return completeSetting(argument)
        case .file:
            return completePath(argument)
        }
    }

    private func completeSetting(_ argument: String) -> Completion? {
        guard let space = argument.firstIndex(of: " ") else {
            let names = SlashCommands.settings.map(\.name).filter { $0.hasPrefix(argument) }
            return Completion(token: argument, candidates: names)
        }
        let name = String(argument[..<space])
        let value = String(argument[argument.index(after: space)...]).drop { $0 == " " }
        guard let setting = SlashCommands.settings.first(where: { $0.name == name }) else { return nil }
        return Completion(token: String(value), candidates: setting.values.filter { $0.hasPrefix(value) })
    }

    /// Completes the last path component; the typed directory part (including `~/`) is kept as typed.
    private func completePath(_ typed: String) -> Completion? {
        let slash = typed.lastIndex(of: "/")
        let dirPart = slash.map { String(typed[...$0]) } ?? ""
        let base = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        var directory = dirPart.isEmpty ? "." : dirPart
        if directory == "~/" || directory.hasPrefix("~/") { directory = home + directory.dropFirst() }
        guard let entries = listDirectory(directory) else { return nil }
        let showHidden = base.hasPrefix(".")
        let names = entries
            .filter { $0.name.hasPrefix(base) && (showHidden || !$0.name.hasPrefix(".")) }
            .map { dirPart + $0.name + ($0.isDirectory ? "/" : "") }
            .sorted()
        return Completion(token: typed, candidates: names)
    }

    /// Reads a real directory.
    public static let listFileSystem: @Sendable (String) -> [Entry]? = { path in
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: path) else { return nil }
        return names.map { name in
            var isDir: ObjCBool = false
            let full = (path as NSString).appendingPathComponent(name)
            _ = fm.fileExists(atPath: full, isDirectory: &isDir)
            return Entry(name: name, isDirectory: isDir.boolValue)
        }
    }
}
