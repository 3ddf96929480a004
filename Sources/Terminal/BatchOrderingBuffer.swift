/// Holds results that finished early until every earlier one is final, so output keeps input order
/// while each result is still released the moment it and everything before it are done.
///
/// Slots are numbered 0, 1, 2 … in the order the work was submitted. A slot can also be skipped
/// (its work was cancelled and will not be written), which releases the slots after it.
public struct BatchOrderingBuffer<Value> {
    private var waiting: [Int: Value?] = [:]
    /// The first slot not yet released.
    public private(set) var next = 0

    /// An empty buffer waiting for slot 0.
    public init() {}

    /// Records slot `index` as finished with `value`; returns the values now releasable, in order.
    public mutating func complete(_ index: Int, _ value: Value) -> [Value] {
        settle(index, value)
    }

    /// Records slot `index` as finished with nothing to write; returns the values it releases.
    public mutating func skip(_ index: Int) -> [Value] {
        settle(index, nil)
    }

    /// Finished values still waiting for an earlier slot.
    public var pending: Int { waiting.values.filter { $0 != nil }.count }

    private mutating func settle(_ index: Int, _ value: Value?) -> [Value] {
        // A slot settles once; a second report for it (or for a released one) is ignored.
        guard index >= next, waiting[index] == nil else { return [] }
        waiting[index] = .some(value)
        var released: [Value] = []
        while let entry = waiting.removeValue(forKey: next) {
            if let value = entry { released.append(value) }
            next += 1
        }
        return released
    }
}
