package org.herald.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.herald.core.store.WarmupCounterStore;
import org.herald.core.store.WarmupDeliveryLog;
import org.herald.core.store.WarmupStateStore;
import org.herald.core.warmup.DeliverySignals;
import org.herald.core.warmup.ProviderThrottle;
import org.herald.core.warmup.WarmupDelivery;
import org.herald.core.warmup.WarmupIdentityState;
import org.junit.jupiter.api.Test;

/** What every backend of the three warmup stores must do; implemented once per backend with an empty store per test. */
public interface WarmupStoreContract {
    Instant NOON = Instant.parse("2026-11-24T12:30:00Z");
    LocalDate DAY = LocalDate.parse("2026-11-24");

    WarmupStateStore states();

    WarmupCounterStore counters();

    WarmupDeliveryLog deliveries();

    @Test
    default void anIdentityIsCreatedOnceAndAdvancedByCompareAndSet() {
        WarmupIdentityState initial = WarmupIdentityState.starting("relay-a", "standard", NOON);

        WarmupIdentityState stored = states().createIfAbsent(initial);
        assertThat(stored).isEqualTo(initial);
        assertThat(states().createIfAbsent(WarmupIdentityState.starting("relay-a", "other", NOON.plusSeconds(5))))
            .as("the first one stays").isEqualTo(initial);

        WarmupIdentityState advanced = stored.atStep(1, NOON.plus(Duration.ofDays(7))).withThrottleEnded(NOON.plus(Duration.ofDays(3)));
        assertThat(states().replace(stored, advanced)).isTrue();
        assertThat(states().replace(stored, stored.withPaused(true))).as("a stale version").isFalse();
        WarmupIdentityState read = states().find("relay-a").orElseThrow();
        assertThat(read.stepIndex()).isEqualTo(1);
        assertThat(read.stepStartedAt()).isEqualTo(NOON.plus(Duration.ofDays(7)));
        assertThat(read.lastThrottleEndedAt()).contains(NOON.plus(Duration.ofDays(3)));
        assertThat(read.version()).isEqualTo(1);

        WarmupIdentityState put = states().put(WarmupIdentityState.starting("relay-a", "cautious", NOON.minus(Duration.ofDays(1))));
        assertThat(put.schedule()).isEqualTo("cautious");
        assertThat(put.version()).isEqualTo(2);
        assertThat(states().put(WarmupIdentityState.starting("relay-b", "standard", NOON)).version()).isZero();
        assertThat(states().all()).extracting(WarmupIdentityState::identity).containsExactly("relay-a", "relay-b");
        assertThat(states().find("nobody")).isEmpty();
    }

    @Test
    default void throttlesAreRecordedOnceAndCleared() {
        ProviderThrottle throttle = new ProviderThrottle("relay-a", "google", "bounce rate 2.00 %", NOON);

        assertThat(states().throttle(throttle)).isTrue();
        assertThat(states().throttle(new ProviderThrottle("relay-a", "google", "again", NOON.plusSeconds(60)))).isFalse();
        states().throttle(new ProviderThrottle("relay-a", "yahoo", "complaints", NOON.plusSeconds(1)));

        assertThat(states().throttles("relay-a")).containsExactly(throttle,
            new ProviderThrottle("relay-a", "yahoo", "complaints", NOON.plusSeconds(1)));
        assertThat(states().clearThrottle("relay-a", "google")).isTrue();
        assertThat(states().clearThrottle("relay-a", "google")).isFalse();
        assertThat(states().throttles("relay-a")).extracting(ProviderThrottle::provider).containsExactly("yahoo");
    }

    @Test
    default void budgetIsTakenUpToTheDailyAndHourlyLimitsAndGivenBack() {
        OptionalLong daily = OptionalLong.of(100);

        assertThat(counters().take("relay-a", "google", NOON, 60, daily, OptionalLong.empty())).isEqualTo(60);
        assertThat(counters().take("relay-a", "google", NOON.plus(Duration.ofHours(2)), 60, daily, OptionalLong.empty())).isEqualTo(40);
        assertThat(counters().take("relay-a", "google", NOON, 1, daily, OptionalLong.empty())).isZero();
        assertThat(counters().take("relay-a", "microsoft", NOON, 70, daily, OptionalLong.empty())).as("another provider").isEqualTo(70);
        assertThat(counters().take("relay-a", "google", NOON.plus(Duration.ofDays(1)), 70, daily, OptionalLong.empty()))
            .as("the next day").isEqualTo(70);
        assertThat(counters().sentOn("relay-a", "google", DAY)).isEqualTo(100);

        counters().giveBack("relay-a", "google", NOON, 10);
        assertThat(counters().sentOn("relay-a", "google", DAY)).isEqualTo(90);
        assertThat(counters().take("relay-a", "google", NOON, 50, daily, OptionalLong.of(55))).as("the hour had 60, then 10 back: 5 more fit under 55")
            .isEqualTo(5);

        assertThat(counters().take("relay-b", "google", NOON, 30, OptionalLong.of(1000), OptionalLong.of(20))).isEqualTo(20);
        assertThat(counters().take("relay-b", "google", NOON.plus(Duration.ofHours(1)), 30, OptionalLong.of(1000), OptionalLong.of(20)))
            .as("the next hour").isEqualTo(20);
        assertThat(counters().take("warm", "google", NOON, 1_000_000, OptionalLong.empty(), OptionalLong.empty())).isEqualTo(1_000_000);
    }

    @Test
    default void nodesTakingAtOnceNeverExceedTheLimit() throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Long>> takers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                takers.add(() -> counters().take("relay-a", "google", NOON, 7, OptionalLong.of(100), OptionalLong.empty()));
            }
            long granted = 0;
            for (Future<Long> taker : nodes.invokeAll(takers)) {
                granted += taker.get();
            }
            assertThat(granted).isEqualTo(100);
            assertThat(counters().sentOn("relay-a", "google", DAY)).isEqualTo(100);
        } finally {
            nodes.shutdownNow();
        }
    }

    @Test
    default void signalsAddUpInHourlyBucketsAndAreReadOverAWindow() {
        counters().addSignals("relay-a", "google", NOON, new DeliverySignals(100, 1, 0));
        counters().addSignals("relay-a", "google", NOON.plusSeconds(600), new DeliverySignals(50, 1, 1));
        counters().addSignals("relay-a", "google", NOON.plus(Duration.ofHours(3)), new DeliverySignals(10, 0, 0));
        counters().addSignals("relay-a", "yahoo", NOON, new DeliverySignals(5, 5, 5));

        Instant hour = Instant.parse("2026-11-24T12:00:00Z");
        assertThat(counters().signals("relay-a", "google", hour, hour.plus(Duration.ofHours(1))))
            .isEqualTo(new DeliverySignals(150, 2, 1));
        assertThat(counters().signals("relay-a", "google", hour, hour.plus(Duration.ofHours(24))))
            .isEqualTo(new DeliverySignals(160, 2, 1));
        assertThat(counters().signals("relay-a", "google", hour.plus(Duration.ofHours(1)), hour.plus(Duration.ofHours(24))))
            .isEqualTo(new DeliverySignals(10, 0, 0));
        assertThat(counters().signals("relay-x", "google", hour, hour.plus(Duration.ofHours(24)))).isEqualTo(DeliverySignals.NONE);
    }

    @Test
    default void forgettingSignalsClearsTheBucketsUpToThatInstantOfThatIdentityAndProviderOnly() {
        counters().addSignals("relay-a", "google", NOON, new DeliverySignals(100, 3, 1));
        counters().addSignals("relay-a", "google", NOON.plus(Duration.ofHours(2)), new DeliverySignals(10, 1, 0));
        counters().addSignals("relay-a", "yahoo", NOON, new DeliverySignals(5, 5, 5));
        counters().addSignals("relay-b", "google", NOON, new DeliverySignals(7, 7, 0));

        counters().forgetSignals("relay-a", "google", NOON.plus(Duration.ofHours(1)));

        Instant hour = Instant.parse("2026-11-24T12:00:00Z");
        assertThat(counters().signals("relay-a", "google", hour, hour.plus(Duration.ofHours(24)))).isEqualTo(new DeliverySignals(10, 1, 0));
        assertThat(counters().signals("relay-a", "yahoo", hour, hour.plus(Duration.ofHours(24)))).isEqualTo(new DeliverySignals(5, 5, 5));
        assertThat(counters().signals("relay-b", "google", hour, hour.plus(Duration.ofHours(24)))).isEqualTo(new DeliverySignals(7, 7, 0));
    }

    @Test
    default void waitingAndDeferredAreCountedAndProvidersListed() {
        counters().addWaiting("relay-a", "google", 150);
        counters().addWaiting("relay-a", "google", -100);
        counters().addWaiting("relay-a", "yahoo", -5);
        counters().addDeferred("relay-a", "google", DAY, 150);
        counters().addSignals("relay-a", "apple", NOON, new DeliverySignals(1, 0, 0));

        assertThat(counters().waiting("relay-a", "google")).isEqualTo(50);
        assertThat(counters().waiting("relay-a", "yahoo")).as("never below zero").isZero();
        assertThat(counters().deferredOn("relay-a", "google", DAY)).isEqualTo(150);
        assertThat(counters().providers("relay-a")).containsExactly("apple", "google", "yahoo");
        assertThat(counters().deleteBefore(NOON.plus(Duration.ofDays(2)))).isPositive();
        assertThat(counters().deferredOn("relay-a", "google", DAY)).isZero();
    }

    @Test
    default void deliveriesAreFoundByMessageIdUntilForgotten() {
        deliveries().record(new WarmupDelivery("<m1@herald.test>", "relay-a", "google", NOON));
        deliveries().record(new WarmupDelivery("<m1@herald.test>", "relay-a", "google", NOON.plusSeconds(5)));
        deliveries().record(new WarmupDelivery("<m1@herald.test>", "relay-a", "yahoo", NOON.plusSeconds(1)));

        assertThat(deliveries().deliveriesOf("<m1@herald.test>")).extracting(WarmupDelivery::provider).containsExactly("google", "yahoo");
        assertThat(deliveries().deliveriesOf("<other@herald.test>")).isEmpty();
        assertThat(deliveries().deleteBefore(NOON.plusSeconds(1))).isEqualTo(1);
        assertThat(deliveries().deliveriesOf("<m1@herald.test>")).extracting(WarmupDelivery::provider).containsExactly("yahoo");
    }
}
