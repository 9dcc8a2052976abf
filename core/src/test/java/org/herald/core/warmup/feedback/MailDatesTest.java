package org.herald.core.warmup.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MailDatesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Thu, 8 Mar 2005 14:00:00 EDT|2005-03-08T18:00:00Z",
        "Mon, 11 Mar 2024 08:01:13 +0000|2024-03-11T08:01:13Z",
        "Tue, 12 Mar 2024 16:58:44 -0700|2024-03-12T23:58:44Z",
        "Mon,  4 Mar 2024 10:15:01 +0000 (UTC)|2024-03-04T10:15:01Z",
        "4 Mar 2024 10:15 +0130|2024-03-04T08:45:00Z",
        "Mon, 1 Jan 24 10:00:00 GMT|2024-01-01T10:00:00Z",
        "Mon, 1 Jan 99 10:00:00 UT|1999-01-01T10:00:00Z",
        "Fri, 22 Mar 2024 10:00:00 PST|2024-03-22T18:00:00Z",
        "Fri, 22 Mar 2024 10:00:00 A|2024-03-22T10:00:00Z",
        "Fri, 22 March 2024 10:00:00|2024-03-22T10:00:00Z",
        "2024-03-22T10:00:00+01:00|2024-03-22T09:00:00Z",
    })
    void readable(String value, String instant) {
        assertThat(MailDates.parse(value)).hasValueSatisfying(parsed -> assertThat(parsed).hasToString(instant));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "31 Feb 2024 10:00:00 +0000", "1 Foo 2024 10:00:00 +0000",
        "1 Jan 2024 25:00:00 +0000", "1 Jan 2024 10:00:00 +9900"})
    void unreadable(String value) {
        assertThat(MailDates.parse(value)).isEmpty();
    }
}
