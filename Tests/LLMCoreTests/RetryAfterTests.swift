import Foundation
import Testing
@testable import LLMCore
import HTTPMessage

@Suite struct RetryAfterTests {
    /// 2015-10-21T07:28:00Z, the date in RFC 9110's examples is 1994; this one is easier to check.
    let now = Date(timeIntervalSince1970: 1_445_412_480)

    @Test func seconds() {
        #expect(RetryAfter.seconds(from: ["Retry-After": "120"], now: now) == 120)
        #expect(RetryAfter.seconds(from: ["retry-after": " 0 "], now: now) == 0)
    }

    @Test func floatSeconds() {
        #expect(RetryAfter.seconds(from: ["retry-after": "1.5"], now: now) == 1.5)
        #expect(RetryAfter.seconds(from: ["retry-after": ".25"], now: now) == 0.25)
    }

    @Test func milliseconds() {
        #expect(RetryAfter.seconds(from: ["retry-after-ms": "250"], now: now) == 0.25)
        #expect(RetryAfter.seconds(from: ["retry-after-ms": "1234.5"], now: now) == 1.2345)
        // retry-after-ms wins over retry-after, as in openai-python.
        #expect(RetryAfter.seconds(from: ["retry-after": "30", "retry-after-ms": "500"], now: now) == 0.5)
        // An unusable retry-after-ms falls back to retry-after.
        #expect(RetryAfter.seconds(from: ["retry-after-ms": "soon", "retry-after": "3"], now: now) == 3)
    }

    @Test func httpDates() {
        let imf = RetryAfter.seconds(from: ["retry-after": "Wed, 21 Oct 2015 07:28:30 GMT"], now: now)
        #expect(imf == 30)
        let rfc850 = RetryAfter.seconds(from: ["retry-after": "Wednesday, 21-Oct-15 07:29:00 GMT"], now: now)
        #expect(rfc850 == 60)
        let asctime = RetryAfter.seconds(from: ["retry-after": "Wed Oct 21 07:28:05 2015"], now: now)
        #expect(asctime == 5)
        let past = RetryAfter.seconds(from: ["retry-after": "Tue, 20 Oct 2015 07:28:00 GMT"], now: now)
        #expect(past == 0)
        let leap = RetryAfter.httpDate("Thu, 29 Feb 2024 00:00:00 GMT")
        #expect(leap == Date(timeIntervalSince1970: 1_709_164_800))
        #expect(RetryAfter.httpDate("Sun, 06 Nov 1994 08:49:37 GMT") == Date(timeIntervalSince1970: 784_111_777))
    }

    @Test func garbageIsIgnored() {
        for value in ["", "soon", "-1", "inf", "nan", "1e3", "0x10", "+5", "1.2.3", "Wed, 21 Oct 2015 25:00:00 GMT",
                      "Wed, 32 Foo 2015 07:28:00 GMT"] {
            #expect(RetryAfter.seconds(from: ["retry-after": value], now: now) == nil, "value '\(value)'")
        }
        #expect(RetryAfter.seconds(from: [:], now: now) == nil)
    }
}
