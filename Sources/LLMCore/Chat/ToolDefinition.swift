/// A tool offered to the model: its name, what it does, and its parameters as JSON Schema.
public struct ToolDefinition: Sendable, Hashable {
    public var name: String
    public var description: String?
    /// A JSON Schema object; `{"type":"object","properties":{}}` when the tool takes nothing.
    public var parameters: JSONValue

    public init(name: String, description: String? = nil, parameters: JSONValue? = nil) {
        self.name = name
        self.description = description
        self.parameters = parameters ?? .object(["type": .string("object"), "properties": .object([])])
    }
}
