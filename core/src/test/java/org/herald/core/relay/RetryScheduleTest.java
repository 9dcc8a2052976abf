package org.herald.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    @Test
    void defaultIsTheDocumentedSchedule() {
        assertThat(RetrySchedule.DEFAULT.delays()).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4));
        assertThat(RetrySchedule.DEFAULT.giveUpAfter()).isEqualTo(Duration.ofDays(5));
    }

    @Test
    void delayBeforeFollowsTheListThenRepeatsTheLast() {
        RetrySchedule schedule = RetrySchedule.DEFAULT;

        assertThat(schedule.delayBefore(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(schedule.delayBefore(2)).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule.delayBefore(7)).isEqualTo(Duration.ofHours(4));
        assertThat(schedule.delayBefore(8)).isEqualTo(Duration.ofHours(4));
        assertThat(schedule.delayBefore(1000)).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void defaultRetriesForFiveDaysBeforeGivingUp() {
        // 1+5+15+30+60+120+240 = 471 minutes for the 7 listed delays, then 4h repeated: 28 more fit in 7200 minutes.
        assertThat(RetrySchedule.DEFAULT.maxRetries()).isEqualTo(35);
        assertThat(totalWait(RetrySchedule.DEFAULT, 35)).isLessThanOrEqualTo(Duration.ofDays(5));
        assertThat(totalWait(RetrySchedule.DEFAULT, 36)).isGreaterThan(Duration.ofDays(5));
    }

    @Test
    void aRetryEndingExactlyAtGiveUpAfterCounts() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofMinutes(10)), Duration.ofMinutes(30));

        assertThat(schedule.maxRetries()).isEqualTo(3);
    }

    @Test
    void retriesAreCountedWithTheLastDelayRepeated() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofMinutes(1), Duration.ofMinutes(10)), Duration.ofMinutes(35));

        // 1, 11, 21, 31 minutes; the next one (41) is past giveUpAfter.
        assertThat(schedule.maxRetries()).isEqualTo(4);
    }

    @Test
    void aRelayIsAlwaysRetriedAtLeastOnce() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofHours(1)), Duration.ofMinutes(10));

        assertThat(schedule.maxRetries()).isEqualTo(1);
    }

    @Test
    void delaysAreCopied() {
        List<Duration> delays = new ArrayList<>(List.of(Duration.ofMinutes(1)));
        RetrySchedule schedule = new RetrySchedule(delays, Duration.ofDays(1));
        delays.add(Duration.ofHours(1));

        assertThat(schedule.delays()).containsExactly(Duration.ofMinutes(1));
        assertThatThrownBy(() -> schedule.delays().add(Duration.ZERO)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesAnEmptyScheduleAndNulls() {
        assertThatThrownBy(() -> new RetrySchedule(List.of(), Duration.ofDays(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(List.of(Duration.ofMinutes(1)), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RetrySchedule(null, Duration.ofDays(1))).isInstanceOf(NullPointerException.class);
    }

    private static Duration totalWait(RetrySchedule schedule, int retries) {
        Duration total = Duration.ZERO;
        for (int retry = 1; retry <= retries; retry++) {
            total = total.plus(schedule.delayBefore(retry));
        }
        return total;
    }

    @Test
    void aTinyDelayOverALongPeriodIsCountedWithoutLooping() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofMillis(1)), Duration.ofDays(3650));

        assertThat(schedule.maxRetries()).isEqualTo((int) Math.min(Integer.MAX_VALUE / 2, Duration.ofDays(3650).toMillis()));
    }
}
