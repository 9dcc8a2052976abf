package org.herald.core.warmup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.herald.core.store.WarmupCounterStore;
import org.herald.core.store.WarmupDeliveryLog;
import org.herald.core.store.WarmupStateStore;

/**
 * IP warmup for the delivery path and the operator: how many recipients of each provider an identity may send now
 * (its step's daily limit, cut while throttled, an hourly cap if the schedule has one), what happened to them
 * (attempts, hard bounces, complaints, which may throttle the identity at that provider), and each identity's progress
 * through its schedule, advanced lazily whenever it is asked about.
 *
 * <p>Identities are those of conf/warmup.xml, and those an operator put through WebAdmin; any other is at full volume
 * and nothing is counted for it.
 */
public final class WarmupService {
    /** How long deliveries are remembered for matching DSNs and complaints to them. */
    public static final Duration DELIVERY_MEMORY = Duration.ofDays(7);
    /**
     * How long the list of identities started through WebAdmin is trusted before it is read again: most mail goes
     * through identities that do not warm up, and they should cost no store round trip.
     */
    static final Duration STARTED_IDENTITIES_REFRESH = Duration.ofSeconds(5);

    private final WarmupConfiguration configuration;
    private final WarmupStateStore states;
    private final WarmupCounterStore counters;
    private final WarmupDeliveryLog deliveries;
    private final Clock clock;
    private final WarmupObserver observer;
    private volatile Set<String> startedIdentities = Set.of();
    private volatile Instant startedIdentitiesReadAt = Instant.MIN;

    public WarmupService(WarmupConfiguration configuration, WarmupStateStore states, WarmupCounterStore counters,
                         WarmupDeliveryLog deliveries, Clock clock, WarmupObserver observer) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.states = Objects.requireNonNull(states, "states");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    public WarmupConfiguration configuration() {
        return configuration;
    }

    /** Whether recipients over this identity's budget go through the rest of the chain instead of waiting. */
    public boolean overflows(String identity) {
        return configuration.enabled() && configuration.identity(identity).map(WarmupIdentityConfiguration::overflow).orElse(false);
    }

    /** The identity's state now, created from conf/warmup.xml on first use; empty when it does not warm up. */
    public Optional<WarmupIdentityState> state(String identity) {
        if (!configuration.enabled() || configuration.identity(identity).isEmpty() && !startedIdentities().contains(identity)) {
            return Optional.empty();
        }
        Optional<WarmupIdentityState> stored = states.find(identity);
        if (stored.isEmpty()) {
            Optional<WarmupIdentityConfiguration> configured = configuration.identity(identity);
            if (configured.isEmpty()) {
                return Optional.empty();
            }
            Instant start = configured.get().start().map(day -> day.atStartOfDay(ZoneOffset.UTC).toInstant()).orElse(clock.instant());
            stored = Optional.of(states.createIfAbsent(WarmupIdentityState.starting(identity, configured.get().schedule(), start)));
        }
        return Optional.of(advanced(stored.get()));
    }

    private Set<String> startedIdentities() {
        Instant now = clock.instant();
        if (now.isAfter(startedIdentitiesReadAt.plus(STARTED_IDENTITIES_REFRESH)) || now.isBefore(startedIdentitiesReadAt)) {
            startedIdentities = states.all().stream().map(WarmupIdentityState::identity).collect(Collectors.toUnmodifiableSet());
            startedIdentitiesReadAt = now;
        }
        return startedIdentities;
    }

    private WarmupIdentityState advanced(WarmupIdentityState state) {
        WarmupIdentityState current = state;
        for (int attempt = 0; attempt < 5; attempt++) {
            WarmupProgress.Result result = WarmupProgress.advance(current, schedule(current), states.throttles(current.identity()),
                clock.instant());
            if (result.state().equals(current)) {
                return current;
            }
            if (states.replace(current, result.state())) {
                WarmupSchedule schedule = schedule(current);
                observer.advanced(current.identity(), result.state().stepIndex() + 1, schedule.isWarm(result.state().stepIndex()));
                return states.find(current.identity()).orElse(result.state());
            }
            current = states.find(current.identity()).orElseThrow();
        }
        return current;
    }

    private WarmupSchedule schedule(WarmupIdentityState state) {
        // A schedule removed from conf/warmup.xml since: the standard one rather than none.
        return configuration.schedules().getOrDefault(state.schedule(), WarmupSchedule.STANDARD);
    }

    /**
     * Takes budget for some recipients of one mail.
     *
     * @param recipientsByProvider how many recipients of each provider the mail has for this identity
     * @return one grant per provider; an identity that does not warm up is granted everything
     */
    public List<WarmupGrant> admit(String identity, Map<String, Long> recipientsByProvider) {
        Instant now = clock.instant();
        Optional<WarmupIdentityState> state = state(identity);
        List<WarmupGrant> grants = new ArrayList<>();
        if (state.isEmpty()) {
            recipientsByProvider.forEach((provider, wanted) -> grants.add(new WarmupGrant(provider, wanted, wanted, now, Optional.empty())));
            return grants;
        }
        WarmupSchedule schedule = schedule(state.get());
        List<ProviderThrottle> throttles = states.throttles(identity);
        for (Map.Entry<String, Long> entry : recipientsByProvider.entrySet()) {
            String provider = entry.getKey();
            Optional<ProviderThrottle> throttle = recoverIfHealthy(identity, throttles, provider, now);
            OptionalLong daily = limit(schedule, state.get().stepIndex(), throttle.isPresent());
            OptionalLong hourly = daily.isPresent() ? schedule.hourlyLimit(daily.getAsLong()) : OptionalLong.empty();
            long granted = counters.take(identity, provider, now, entry.getValue(), daily, hourly);
            Optional<Instant> retryAt = Optional.empty();
            if (granted < entry.getValue()) {
                LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
                boolean dayFull = daily.isPresent() && counters.sentOn(identity, provider, today) >= daily.getAsLong();
                retryAt = Optional.of(dayFull ? today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)));
                counters.addDeferred(identity, provider, today, entry.getValue() - granted);
                observer.deferred(identity, provider, entry.getValue() - granted);
            }
            grants.add(new WarmupGrant(provider, entry.getValue(), granted, now, retryAt));
        }
        return grants;
    }

    private OptionalLong limit(WarmupSchedule schedule, int step, boolean throttled) {
        if (throttled) {
            return OptionalLong.of(configuration.throttle().cutLimit(schedule, step));
        }
        return schedule.dailyLimit(step);
    }

    /** A throttled provider whose window is healthy again recovers by itself; its throttle otherwise. */
    private Optional<ProviderThrottle> recoverIfHealthy(String identity, List<ProviderThrottle> throttles, String provider, Instant now) {
        Optional<ProviderThrottle> throttle = throttles.stream().filter(candidate -> candidate.provider().equals(provider)).findFirst();
        if (throttle.isPresent() && configuration.throttle().problem(window(identity, provider, now)).isEmpty()) {
            endThrottle(identity, provider, "the last " + configuration.throttle().window().toHours() + " h are healthy again");
            return Optional.empty();
        }
        return throttle;
    }

    private void endThrottle(String identity, String provider, String how) {
        // The step's healthy time restarts before the throttle goes: without it, a step due meanwhile would advance.
        Instant now = clock.instant();
        updateState(identity, state -> state.withThrottleEnded(now));
        if (states.clearThrottle(identity, provider)) {
            observer.recovered(identity, provider, how);
        }
    }

    private DeliverySignals window(String identity, String provider, Instant now) {
        Instant to = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        return counters.signals(identity, provider, to.minus(configuration.throttle().window()), to);
    }

    /** Budget taken for recipients that were not attempted after all (no relay reachable). */
    public void notAttempted(String identity, WarmupGrant grant, long recipients) {
        if (recipients > 0 && state(identity).isPresent()) {
            counters.giveBack(identity, grant.provider(), grant.takenAt(), recipients);
        }
    }

    /**
     * Recipients the relay took ({@code accepted}) or refused with 5xx ({@code refused}); deliveries are remembered by
     * Message-ID for DSNs and complaints that come later. The Message-ID is asked for only then: reading it means
     * reading the message's header, wasted on the identities that do not warm up.
     */
    public void attempted(String identity, String provider, Supplier<Optional<String>> messageId, long accepted, long refused) {
        if (state(identity).isEmpty() || accepted + refused == 0) {
            return;
        }
        Instant now = clock.instant();
        counters.addSignals(identity, provider, now, new DeliverySignals(accepted + refused, refused, 0));
        if (accepted > 0) {
            messageId.get().ifPresent(id -> deliveries.record(new WarmupDelivery(id, identity, provider, now)));
            observer.sent(identity, provider, accepted);
        }
        // Also after successes: bounces early in the window throttle once the attempts reach the minimum sample.
        checkThrottle(identity, provider, now);
    }

    /** A DSN reported a hard bounce for a message: counted against whoever delivered it to that provider. */
    public boolean hardBounceReported(String messageId, String provider) {
        return reported(messageId, provider, new DeliverySignals(0, 1, 0));
    }

    /** A feedback report (ARF) complained about a message. */
    public boolean complaintReported(String messageId, String provider) {
        return reported(messageId, provider, new DeliverySignals(0, 0, 1));
    }

    private boolean reported(String messageId, String provider, DeliverySignals signal) {
        List<WarmupDelivery> found = deliveries.deliveriesOf(messageId);
        Optional<WarmupDelivery> delivery = found.stream().filter(candidate -> candidate.provider().equals(provider)).findFirst()
            .or(() -> found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty());
        if (delivery.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        counters.addSignals(delivery.get().identity(), delivery.get().provider(), now, signal);
        checkThrottle(delivery.get().identity(), delivery.get().provider(), now);
        return true;
    }

    private void checkThrottle(String identity, String provider, Instant now) {
        configuration.throttle().problem(window(identity, provider, now)).ifPresent(problem -> {
            ProviderThrottle throttle = new ProviderThrottle(identity, provider, problem, now);
            if (states.throttle(throttle)) {
                observer.throttled(throttle);
            }
        });
    }

    /** Recipients now waiting in the queue for budget (negative: no longer waiting). */
    public void waiting(String identity, String provider, long delta) {
        if (delta != 0) {
            counters.addWaiting(identity, provider, delta);
        }
    }

    public List<WarmupStatus> status() {
        TreeSet<String> identities = new TreeSet<>();
        configuration.identities().forEach(identity -> identities.add(identity.identity()));
        states.all().forEach(state -> identities.add(state.identity()));
        List<WarmupStatus> statuses = new ArrayList<>();
        for (String identity : identities) {
            state(identity).ifPresent(state -> statuses.add(status(state)));
        }
        return statuses;
    }

    public Optional<WarmupStatus> status(String identity) {
        return state(identity).map(this::status);
    }

    private WarmupStatus status(WarmupIdentityState state) {
        Instant now = clock.instant();
        WarmupSchedule schedule = schedule(state);
        List<ProviderThrottle> throttles = states.throttles(state.identity());
        WarmupProgress.Result progress = WarmupProgress.advance(state, schedule, throttles, now);
        boolean warm = schedule.isWarm(state.stepIndex());
        Optional<Instant> nextStep = warm ? Optional.empty()
            : Optional.of(state.healthySince().plus(schedule.steps().get(state.stepIndex()).duration()));
        Optional<Instant> fullVolume = nextStep.map(next -> next.plus(schedule.remaining(state.stepIndex() + 1)));
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<WarmupStatus.Provider> providers = new ArrayList<>();
        for (String provider : counters.providers(state.identity())) {
            Optional<ProviderThrottle> throttle = throttles.stream().filter(t -> t.provider().equals(provider)).findFirst();
            providers.add(new WarmupStatus.Provider(provider, counters.sentOn(state.identity(), provider, today),
                limit(schedule, state.stepIndex(), throttle.isPresent()), schedule.dailyLimit(state.stepIndex()),
                counters.waiting(state.identity(), provider), counters.deferredOn(state.identity(), provider, today),
                window(state.identity(), provider, now), throttle));
        }
        Optional<String> held = progress.held();
        if (held.isEmpty() && state.healthySince().isAfter(state.stepStartedAt())) {
            held = Optional.of("step " + (state.stepIndex() + 1) + " counts its healthy time again from " + state.healthySince()
                + ", when a throttle ended");
        }
        return new WarmupStatus(state.identity(), state.schedule(), Math.min(state.stepIndex(), schedule.steps().size()) + 1,
            schedule.steps().size(), warm, state.startedAt(), state.stepStartedAt(), state.healthySince(), nextStep, fullVolume,
            state.paused(), held, providers);
    }

    /** An operator sets an identity's schedule and start: it begins that schedule's first step at {@code start}. */
    public WarmupStatus configure(String identity, String scheduleName, Instant start) {
        if (!configuration.schedules().containsKey(scheduleName)) {
            throw new IllegalArgumentException("no schedule " + scheduleName + " in conf/warmup.xml; known: "
                + new TreeSet<>(configuration.schedules().keySet()));
        }
        WarmupIdentityState fresh = WarmupIdentityState.starting(identity, scheduleName, start);
        states.put(fresh);
        startedIdentitiesReadAt = Instant.MIN;
        // The step must match the start: an identity started three weeks ago is at step 4, healthy or not is for later.
        WarmupIdentityState stored = states.find(identity).orElseThrow();
        return status(advanced(stored));
    }

    public Optional<WarmupStatus> pause(String identity) {
        return updateState(identity, state -> state.withPaused(true)).map(this::status);
    }

    public Optional<WarmupStatus> resume(String identity) {
        return updateState(identity, state -> state.withPaused(false)).map(this::status);
    }

    /**
     * An operator has looked into the bad signals: every throttle of the identity ends now, and the signals counted so
     * far at those providers are forgotten, or the next delivery would throttle again on the same bounces.
     */
    public Optional<WarmupStatus> resetThrottle(String identity) {
        if (state(identity).isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        states.throttles(identity).forEach(throttle -> {
            counters.forgetSignals(identity, throttle.provider(), now);
            endThrottle(identity, throttle.provider(), "reset by an operator");
        });
        return status(identity);
    }

    private Optional<WarmupIdentityState> updateState(String identity, UnaryOperator<WarmupIdentityState> change) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<WarmupIdentityState> current = state(identity);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            WarmupIdentityState updated = change.apply(current.get());
            if (updated.equals(current.get()) || states.replace(current.get(), updated)) {
                return states.find(identity);
            }
        }
        throw new IllegalStateException("the warmup state of " + identity + " kept changing under this update; try again");
    }

    /** Forgets counters and deliveries older than the throttle window and the delivery memory need. */
    public int purge() {
        Instant now = clock.instant();
        Duration keep = configuration.throttle().window().plus(Duration.ofDays(2));
        return counters.deleteBefore(now.minus(keep)) + deliveries.deleteBefore(now.minus(DELIVERY_MEMORY));
    }
}
