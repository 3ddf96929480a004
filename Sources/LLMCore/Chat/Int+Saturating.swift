extension Int {
    /// `self + other`, held at `Int.max` / `Int.min` instead of trapping: token counts come from the
    /// network, and a hostile or broken server may send `Int.max` next to a cache count.
    public func adding(saturating other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }
}
