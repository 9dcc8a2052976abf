package org.herald.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {
    @Test
    void parsesEveryUnit() {
        assertThat(DurationText.parse("250ms")).contains(Duration.ofMillis(250));
        assertThat(DurationText.parse("30s")).contains(Duration.ofSeconds(30));
        assertThat(DurationText.parse("5m")).contains(Duration.ofMinutes(5));
        assertThat(DurationText.parse("2h")).contains(Duration.ofHours(2));
        assertThat(DurationText.parse("5d")).contains(Duration.ofDays(5));
    }

    @Test
    void millisecondsAreNotMistakenForMinutes() {
        assertThat(DurationText.parse("1ms")).contains(Duration.ofMillis(1));
        assertThat(DurationText.parse("1m")).contains(Duration.ofMinutes(1));
    }

    @Test
    void toleratesSurroundingWhitespaceAndASpaceBeforeTheUnit() {
        assertThat(DurationText.parse("  5m ")).contains(Duration.ofMinutes(5));
        assertThat(DurationText.parse("5 m")).contains(Duration.ofMinutes(5));
        assertThat(DurationText.parse("\t2h\n")).contains(Duration.ofHours(2));
    }

    @Test
    void zeroIsADuration() {
        assertThat(DurationText.parse("0s")).contains(Duration.ZERO);
    }

    @Test
    void largeButRepresentableAmountsAreParsed() {
        assertThat(DurationText.parse("3650d")).contains(Duration.ofDays(3650));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "5", "m", "5x", "5min", "5 minutes", "-5m", "+5m", "5.5h", "1,5h", "5M", "5H", "5D",
        "5MS", "5m5s", "5m 5s", "PT5M", "five minutes", "abc"})
    void refusesAnythingElse(String text) {
        assertThat(DurationText.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999s", "9223372036854775807d", "9223372036854775807h", "9223372036854775807m"})
    void refusesAmountsTooLargeForADurationInsteadOfThrowing(String text) {
        assertThat(DurationText.parse(text)).isEmpty();
    }

    @Test
    void formatsInTheLargestWholeUnitInTheNotationItParses() {
        assertThat(DurationText.format(Duration.ofDays(5).plusHours(3))).isEqualTo("5d");
        assertThat(DurationText.format(Duration.ofMinutes(150))).isEqualTo("2h");
        assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("1m");
        assertThat(DurationText.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(DurationText.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(DurationText.parse(DurationText.format(Duration.ofHours(7)))).contains(Duration.ofHours(7));
    }
}
