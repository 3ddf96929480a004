import LLMCore
import Testing
@testable import LLMCommands
@testable import Terminal

@Suite("Tab completion")
struct CompleterTests {
    let completer = Completer(
        models: ["openai:gpt-4o-mini", "openai:gpt-4.1", "groq:llama-3.3-70b-versatile", "offline:mock-1"],
        home: "/home/u",
        listDirectory: { dir in
            switch dir {
            case ".": [.init(name: "notes.json", isDirectory: false), .init(name: "notes-old.json", isDirectory: false),
                       .init(name: "sessions", isDirectory: true), .init(name: ".hidden", isDirectory: false)]
            case "/home/u/": [.init(name: "chat.json", isDirectory: false)]
            case "sessions/": [.init(name: "a.json", isDirectory: false)]
            default: nil
            }
        })

    @Test func commandNames() {
        #expect(completer.complete("/mo")?.action == .insert("del "))
        #expect(completer.complete("/s")?.candidates == ["/save", "/sessions", "/set", "/stats", "/system"])
        #expect(completer.complete("/s")?.action == .list(["/save", "/sessions", "/set", "/stats", "/system"]))
        #expect(completer.complete("/q")?.action == .insert("uit "))
        #expect(completer.complete("/zz")?.action == Completion.Action.none)
    }

    @Test func modelReferences() {
        #expect(completer.complete("/model gr")?.action == .insert("oq:llama-3.3-70b-versatile "))
        #expect(completer.complete("/model openai:")?.action == .insert("gpt-4"))
        #expect(completer.complete("/model openai:gpt-4")?.action == .list(["openai:gpt-4.1", "openai:gpt-4o-mini"]))
        #expect(completer.complete("/compare offline:mock-1 gr")?.action == .insert("oq:llama-3.3-70b-versatile "))
    }

    @Test func settingsAndValues() {
        #expect(completer.complete("/set te")?.action == .insert("mperature "))
        #expect(completer.complete("/set summary o")?.candidates == ["on", "off"])
        #expect(completer.complete("/set summary of")?.action == .insert("f "))
    }

    @Test func filePaths() {
        #expect(completer.complete("/save no")?.action == .insert("tes"))
        #expect(completer.complete("/load notes.")?.action == .insert("json "))
        #expect(completer.complete("/load ses")?.action == .insert("sions/"))
        #expect(completer.complete("/load sessions/")?.action == .insert("a.json "))
        #expect(completer.complete("/load ~/c")?.action == .insert("hat.json "))
        #expect(completer.complete("/load .h")?.candidates == [".hidden"])
        #expect(completer.complete("/load ")?.candidates.contains(".hidden") == false)
    }

    @Test func plainTextAndArgumentlessCommandsHaveNothing() {
        #expect(completer.complete("hello /mo") == nil)
        #expect(completer.complete("/stats x") == nil)
        #expect(completer.complete("/system be") == nil)
    }

    @Test func helpCompletesCommandNames() {
        #expect(completer.complete("/help mo")?.action == .insert("del "))
    }

    @Test func columnsReadTopToBottom() {
        let text = CompletionList.format(["a", "b", "c", "d", "e"], width: 9)
        #expect(text == "a  c  e\nb  d")
    }

    @Test func configFileModelsAreCompletionsToo() {
        let config = LLMConfig(aliases: ["fast": "work:gpt-4o"],
                               models: ["work:gpt-4o-mini": ModelDefaults(temperature: 0.2)])
        #expect(REPLLaunch.configModels(config) == ["fast", "work:gpt-4o", "work:gpt-4o-mini"])
        let withConfig = Completer(models: REPLLaunch.configModels(config), home: "/home/u", listDirectory: { _ in nil })
        #expect(withConfig.complete("/model wo")?.action == .insert("rk:gpt-4o"))
    }
}
