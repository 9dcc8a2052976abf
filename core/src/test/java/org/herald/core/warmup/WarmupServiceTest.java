package org.herald.core.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import org.herald.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

class WarmupServiceTest {
    private static final Instant DAY_1 = Instant.parse("2026-11-24T09:00:00Z");
    private static final String RELAY = "relay-a";
    private static final Supplier<Optional<String>> MESSAGE = () -> Optional.of("<m1@herald.test>");

    private final InMemoryWarmupStores stores = new InMemoryWarmupStores();
    private final MutableClock clock = new MutableClock(DAY_1);
    private final List<String> events = new ArrayList<>();
    private final WarmupObserver observer = new WarmupObserver() {
        @Override
        public void throttled(ProviderThrottle throttle) {
            events.add("throttled " + throttle.provider() + ": " + throttle.reason());
        }

        @Override
        public void recovered(String identity, String provider, String how) {
            events.add("recovered " + provider + ": " + how);
        }
    };

    private WarmupService service(ThrottlePolicy throttle, WarmupSchedule schedule) {
        Map<String, WarmupSchedule> schedules = new java.util.HashMap<>(Map.of("standard", WarmupSchedule.STANDARD));
        schedules.put(schedule.name(), schedule);
        WarmupConfiguration configuration = new WarmupConfiguration(true, schedules,
            List.of(new WarmupIdentityConfiguration(RELAY, schedule.name(), Optional.of(LocalDate.parse("2026-11-24")))), throttle,
            Duration.ofDays(7), Duration.ofDays(3), List.of(), false, Optional.empty(), Optional.empty());
        return new WarmupService(configuration, stores, stores, stores, clock, observer);
    }

    private WarmupService standard() {
        return service(new ThrottlePolicy(0.01, 0.001, 50, Duration.ofHours(24), true, 50), WarmupSchedule.STANDARD);
    }

    private static long granted(List<WarmupGrant> grants, String provider) {
        return grants.stream().filter(grant -> grant.provider().equals(provider)).findFirst().orElseThrow().granted();
    }

    @Test
    void theFirstDayLetsTheStepsLimitThroughPerProviderAndTheRestWaitsForTheNextDay() {
        WarmupService warmup = standard();

        List<WarmupGrant> first = warmup.admit(RELAY, Map.of("google", 60L, "microsoft", 60L));
        List<WarmupGrant> second = warmup.admit(RELAY, Map.of("google", 60L));

        assertThat(granted(first, "google")).isEqualTo(60);
        assertThat(granted(first, "microsoft")).as("providers are budgeted apart").isEqualTo(60);
        assertThat(second.get(0).granted()).isEqualTo(40);
        assertThat(second.get(0).retryAt()).contains(Instant.parse("2026-11-25T00:00:00Z"));
        assertThat(warmup.admit("warm-relay", Map.of("google", 5000L)).get(0).granted()).as("not warming").isEqualTo(5000);

        clock.advance(Duration.ofDays(1));
        assertThat(warmup.admit(RELAY, Map.of("google", 150L)).get(0).granted()).isEqualTo(100);
        WarmupStatus.Provider google = warmup.status(RELAY).orElseThrow().providers().get(0);
        assertThat(google.sentToday()).isEqualTo(100);
        assertThat(google.deferredToday()).isEqualTo(50);
        assertThat(google.limit()).isEqualTo(OptionalLong.of(100));
    }

    @Test
    void mailOfIdentitiesThatDoNotWarmUpCostsNoStoreRoundTripButOneStartedByAnOperatorIsSeen() {
        WarmupService warmup = standard();

        for (int i = 0; i < 100; i++) {
            warmup.admit("warm-relay", Map.of("google", 1L));
            warmup.attempted("warm-relay", "google", MESSAGE, 1, 0);
        }
        assertThat(stores.stateReads).as("the started identities, read once").isEqualTo(1);

        warmup.configure("warm-relay", "standard", clock.instant());
        assertThat(warmup.admit("warm-relay", Map.of("google", 500L)).get(0).granted()).isEqualTo(100);
    }

    @Test
    void budgetGivenBackIsUsableAgain() {
        WarmupService warmup = standard();
        WarmupGrant grant = warmup.admit(RELAY, Map.of("google", 100L)).get(0);

        warmup.notAttempted(RELAY, grant, 30);

        assertThat(warmup.admit(RELAY, Map.of("google", 50L)).get(0).granted()).isEqualTo(30);
    }

    @Test
    void healthyStepsAdvanceByThemselvesUpToFullVolume() {
        WarmupService warmup = standard();
        warmup.admit(RELAY, Map.of("google", 100L));
        warmup.attempted(RELAY, "google", MESSAGE, 100, 0);

        clock.advance(Duration.ofDays(7));
        WarmupStatus week2 = warmup.status(RELAY).orElseThrow();
        assertThat(week2.step()).isEqualTo(2);
        assertThat(week2.providers().get(0).limit()).isEqualTo(OptionalLong.of(500));
        assertThat(week2.fullVolumeAt()).contains(Instant.parse("2026-11-24T00:00:00Z").plus(Duration.ofDays(35)));

        clock.advance(Duration.ofDays(30));
        WarmupStatus warm = warmup.status(RELAY).orElseThrow();
        assertThat(warm.warm()).isTrue();
        assertThat(warm.providers().get(0).limit()).isEmpty();
        assertThat(warmup.admit(RELAY, Map.of("google", 1_000_000L)).get(0).granted()).isEqualTo(1_000_000);
    }

    @Test
    void bouncesAboveOnePercentThrottleCutTheLimitAndHoldTheStepUntilTheWindowIsHealthy() {
        WarmupService warmup = standard();
        clock.advance(Duration.ofDays(6)); // day 7 of step 1
        warmup.admit(RELAY, Map.of("google", 100L));
        warmup.attempted(RELAY, "google", MESSAGE, 98, 2);

        assertThat(events).singleElement().asString()
            .isEqualTo("throttled google: bounce rate 2.00 % (2 of 100) over the last 24 h is above 1 %");

        clock.advance(Duration.ofDays(1).minus(Duration.ofHours(2))); // day 8, the bounces still in the window
        WarmupStatus held = warmup.status(RELAY).orElseThrow();
        assertThat(held.step()).isEqualTo(1);
        assertThat(held.held()).get().asString().contains("held at step 1: throttled at google").contains("bounce rate 2.00 %");
        assertThat(held.providers().get(0).limit()).as("cut to half of the first step").isEqualTo(OptionalLong.of(50));
        assertThat(warmup.admit(RELAY, Map.of("microsoft", 80L)).get(0).granted()).as("another provider is not cut").isEqualTo(80);

        clock.advance(Duration.ofHours(4)); // the bounces have left the window
        assertThat(warmup.admit(RELAY, Map.of("google", 80L)).get(0).granted()).isEqualTo(80);
        assertThat(events).last().asString().startsWith("recovered google");
        WarmupStatus recovered = warmup.status(RELAY).orElseThrow();
        assertThat(recovered.step()).as("a full healthy step again before it moves").isEqualTo(1);
        assertThat(recovered.held()).get().asString().contains("counts its healthy time again");

        clock.advance(Duration.ofDays(7));
        assertThat(warmup.status(RELAY).orElseThrow().step()).isEqualTo(2);
    }

    @Test
    void aThrottleOnALaterStepGoesBackOneStep() {
        WarmupService warmup = standard();
        clock.advance(Duration.ofDays(15)); // step 3: 2,000 a day
        assertThat(warmup.admit(RELAY, Map.of("yahoo", 1000L)).get(0).granted()).isEqualTo(1000);
        warmup.attempted(RELAY, "yahoo", MESSAGE, 1000, 0);

        assertThat(warmup.complaintReported("<m1@herald.test>", "yahoo")).isTrue();
        assertThat(warmup.status(RELAY).orElseThrow().providers().get(0).throttle()).as("0.1 % is not above 0.1 %").isEmpty();
        assertThat(warmup.complaintReported("<m1@herald.test>", "yahoo")).isTrue();

        WarmupStatus status = warmup.status(RELAY).orElseThrow();
        assertThat(status.providers().get(0).throttle()).get().extracting(ProviderThrottle::reason).asString()
            .startsWith("complaint rate 0.20 % (2 of 1000)");
        assertThat(status.providers().get(0).limit()).isEqualTo(OptionalLong.of(500));
        assertThat(warmup.complaintReported("<unknown@elsewhere>", "yahoo")).as("not a message Herald sent").isFalse();
    }

    @Test
    void earlyBouncesThrottleOnceTheAttemptsReachTheMinimumSample() {
        WarmupService warmup = standard();
        warmup.admit(RELAY, Map.of("google", 100L));
        warmup.attempted(RELAY, "google", MESSAGE, 0, 2);
        assertThat(events).as("2 attempts say nothing yet").isEmpty();

        warmup.attempted(RELAY, "google", MESSAGE, 48, 0);

        assertThat(events).singleElement().asString().contains("bounce rate 4.00 % (2 of 50)");
    }

    @Test
    void fewerAttemptsThanTheMinimumSampleNeverThrottle() {
        WarmupService warmup = standard();
        warmup.admit(RELAY, Map.of("google", 10L));
        warmup.attempted(RELAY, "google", MESSAGE, 5, 5);

        assertThat(events).isEmpty();
    }

    @Test
    void operatorsPauseResumeResetAndRestartIdentities() {
        WarmupService warmup = standard();
        warmup.admit(RELAY, Map.of("google", 100L));
        warmup.attempted(RELAY, "google", MESSAGE, 40, 60);
        assertThat(warmup.status(RELAY).orElseThrow().providers().get(0).throttle()).isPresent();

        warmup.resetThrottle(RELAY);
        assertThat(warmup.status(RELAY).orElseThrow().providers().get(0).throttle()).isEmpty();
        assertThat(events).last().asString().isEqualTo("recovered google: reset by an operator");
        warmup.attempted(RELAY, "google", MESSAGE, 60, 0);
        assertThat(warmup.status(RELAY).orElseThrow().providers().get(0).throttle())
            .as("the bounces before the reset are forgiven, not counted again").isEmpty();

        warmup.pause(RELAY);
        clock.advance(Duration.ofDays(8));
        assertThat(warmup.status(RELAY).orElseThrow().held()).contains("paused by an operator at step 1");
        warmup.resume(RELAY);
        assertThat(warmup.status(RELAY).orElseThrow().step()).isEqualTo(2);

        WarmupStatus restarted = warmup.configure("new-ip", "standard", clock.instant().minus(Duration.ofDays(15)));
        assertThat(restarted.step()).isEqualTo(3);
        assertThatThrownBy(() -> warmup.configure("new-ip", "turbo", clock.instant()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no schedule turbo");
    }

    @Test
    void anHourlyCapSpreadsTheDay() {
        WarmupSchedule spread = new WarmupSchedule("spread", List.of(new WarmupStep(Duration.ofDays(7), 1000)), java.util.OptionalInt.of(10));
        WarmupService warmup = service(ThrottlePolicy.DEFAULT, spread);

        WarmupGrant grant = warmup.admit(RELAY, Map.of("google", 150L)).get(0);

        assertThat(grant.granted()).isEqualTo(100);
        assertThat(grant.retryAt()).contains(Instant.parse("2026-11-24T10:00:00Z"));
    }
}
