/// An ordered list of HTTP header fields with case-insensitive lookup.
public struct HTTPHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// The fields in the order they were added (or received).
    public private(set) var fields: [Field]

    /// One header line.
    public struct Field: Sendable, Hashable {
        public var name: String
        public var value: String
        /// A field with this name and value, as given (no case folding, no trimming).
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Headers holding `fields` in this order.
    public init(_ fields: [Field] = []) { self.fields = fields }
    /// Headers from a literal, in the literal's order (a name may repeat).
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { Field(name: $0.0, value: $0.1) }
    }

    /// The first value of the named header, compared case-insensitively.
    public subscript(name: String) -> String? {
        let lowered = name.lowercased()
        return fields.first { $0.name.lowercased() == lowered }?.value
    }

    /// Appends a field, keeping any others of that name.
    public mutating func add(_ name: String, _ value: String) { fields.append(Field(name: name, value: value)) }

    /// Replaces every field of that name with one field.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        add(name, value)
    }

    /// Removes every field of that name, compared case-insensitively.
    public mutating func remove(_ name: String) {
        let lowered = name.lowercased()
        fields.removeAll { $0.name.lowercased() == lowered }
    }

    /// Iterates over the fields in order.
    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }
}
