import struct Foundation.Date
import HTTPMessage

/// Reads how long a provider asked us to wait before retrying.
///
/// Follows openai-python: `retry-after-ms` (milliseconds, float) first, then `retry-after` as seconds
/// (float allowed) or as an HTTP date. Whether a value is too large to honour is the retry policy's
/// decision, not this parser's.
public enum RetryAfter {
    /// Seconds to wait, or nil when no header gives a usable value. A date in the past gives 0.
    public static func seconds(from headers: HTTPHeaders, now: Date) -> Double? {
        if let text = headers["retry-after-ms"], let milliseconds = number(text) {
            return milliseconds / 1000
        }
        guard let text = headers["retry-after"] else { return nil }
        if let seconds = number(text) { return seconds }
        guard let date = httpDate(text) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// A plain non-negative decimal such as `2`, `1.5` or `.25`. Rejects what `Double(_:)` also
    /// accepts but no server means (`inf`, `nan`, `1e3`, `0x10`, signs).
    static func number(_ text: String) -> Double? {
        let trimmed = text.trimmingASCIISpaces()
        var digits = 0
        var dots = 0
        for byte in trimmed.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."): dots += 1
            default: return nil
            }
        }
        guard digits > 0, dots <= 1, let value = Double(trimmed), value.isFinite else { return nil }
        return value
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun",
                                 "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Parses the three HTTP-date forms of RFC 9110 §5.6.7: IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`),
    /// RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`).
    static func httpDate(_ text: String) -> Date? {
        let words = text.trimmingASCIISpaces()
            .split(whereSeparator: { $0 == " " || $0 == "," })
            .map { String($0).lowercased() }
        var day: Int?, month: Int?, year: Int?, clock: [Int]?
        if words.count == 6, words[5] == "gmt" {
            // IMF-fixdate: weekday, dd mon yyyy hh:mm:ss GMT
            day = Int(words[1])
            month = months.firstIndex(of: words[2])
            year = Int(words[3])
            clock = time(words[4])
        } else if words.count == 4, words[3] == "gmt" {
            // RFC 850: weekday, dd-mon-yy hh:mm:ss GMT; two-digit years are taken as 19xx/20xx.
            let parts = words[1].split(separator: "-").map(String.init)
            guard parts.count == 3 else { return nil }
            day = Int(parts[0])
            month = months.firstIndex(of: parts[1])
            year = Int(parts[2]).map { $0 < 100 ? ($0 < 70 ? 2000 + $0 : 1900 + $0) : $0 }
            clock = time(words[2])
        } else if words.count == 5 {
            // asctime: weekday mon d hh:mm:ss yyyy
            month = months.firstIndex(of: words[1])
            day = Int(words[2])
            clock = time(words[3])
            year = Int(words[4])
        }
        // A year past 9999 is no date a server means, and would overflow the day arithmetic.
        guard let day, let month, let year, let clock, (1...31).contains(day), (1...9999).contains(year) else { return nil }
        let days = daysFromCivil(year: year, month: month + 1, day: day)
        let seconds = days * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2]
        return Date(timeIntervalSince1970: Double(seconds))
    }

    /// `hh:mm:ss` as three numbers, or nil.
    private static func time(_ text: String) -> [Int]? {
        let parts = text.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 3, (0...23).contains(parts[0]), (0...59).contains(parts[1]),
              (0...60).contains(parts[2]) else { return nil }
        return parts
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm), so no
    /// calendar, locale or time-zone machinery is needed.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces and tabs.
    func trimmingASCIISpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
