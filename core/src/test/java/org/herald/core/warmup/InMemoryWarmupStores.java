package org.herald.core.warmup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

import org.herald.core.store.WarmupCounterStore;
import org.herald.core.store.WarmupDeliveryLog;
import org.herald.core.store.WarmupStateStore;

/** The three warmup stores in maps, for tests of the pure logic. */
final class InMemoryWarmupStores implements WarmupStateStore, WarmupCounterStore, WarmupDeliveryLog {
    private final Map<String, WarmupIdentityState> states = new HashMap<>();
    private final Map<String, ProviderThrottle> throttles = new HashMap<>();
    private final Map<String, Long> sent = new HashMap<>();
    private final Map<String, Long> deferred = new HashMap<>();
    private final Map<String, DeliverySignals> signals = new HashMap<>();
    private final Map<String, Long> waiting = new HashMap<>();
    private final TreeSet<String> providers = new TreeSet<>();
    private final List<WarmupDelivery> deliveries = new ArrayList<>();
    /** Reads of identity states, to check what costs a round trip to a real store. */
    int stateReads;

    @Override
    public synchronized Optional<WarmupIdentityState> find(String identity) {
        stateReads++;
        return Optional.ofNullable(states.get(identity));
    }

    @Override
    public synchronized List<WarmupIdentityState> all() {
        stateReads++;
        return List.copyOf(states.values());
    }

    @Override
    public synchronized WarmupIdentityState createIfAbsent(WarmupIdentityState initial) {
        return states.computeIfAbsent(initial.identity(), identity -> initial);
    }

    @Override
    public synchronized boolean replace(WarmupIdentityState expected, WarmupIdentityState updated) {
        WarmupIdentityState stored = states.get(expected.identity());
        if (stored == null || stored.version() != expected.version()) {
            return false;
        }
        states.put(expected.identity(), versioned(updated, stored.version() + 1));
        return true;
    }

    @Override
    public synchronized WarmupIdentityState put(WarmupIdentityState state) {
        long version = states.containsKey(state.identity()) ? states.get(state.identity()).version() + 1 : 0;
        WarmupIdentityState stored = versioned(state, version);
        states.put(state.identity(), stored);
        return stored;
    }

    private static WarmupIdentityState versioned(WarmupIdentityState state, long version) {
        return new WarmupIdentityState(state.identity(), state.schedule(), state.startedAt(), state.stepIndex(), state.stepStartedAt(),
            state.paused(), state.lastThrottleEndedAt(), version);
    }

    @Override
    public synchronized List<ProviderThrottle> throttles(String identity) {
        return throttles.values().stream().filter(throttle -> throttle.identity().equals(identity)).toList();
    }

    @Override
    public synchronized boolean throttle(ProviderThrottle throttle) {
        return throttles.putIfAbsent(throttle.identity() + "|" + throttle.provider(), throttle) == null;
    }

    @Override
    public synchronized boolean clearThrottle(String identity, String provider) {
        return throttles.remove(identity + "|" + provider) != null;
    }

    @Override
    public synchronized long take(String identity, String provider, Instant at, long wanted, OptionalLong dailyLimit,
                                  OptionalLong hourlyLimit) {
        providers.add(identity + "|" + provider);
        String day = identity + "|" + provider + "|" + LocalDate.ofInstant(at, ZoneOffset.UTC);
        String hour = day + "|" + at.atZone(ZoneOffset.UTC).getHour();
        long daySent = sent.getOrDefault(day, 0L);
        long hourSent = sent.getOrDefault(hour, 0L);
        long granted = Math.min(wanted, Math.min(dailyLimit.orElse(Long.MAX_VALUE) - daySent, hourlyLimit.orElse(Long.MAX_VALUE) - hourSent));
        granted = Math.max(0, granted);
        sent.put(day, daySent + granted);
        sent.put(hour, hourSent + granted);
        return granted;
    }

    @Override
    public synchronized void giveBack(String identity, String provider, Instant takenAt, long count) {
        String day = identity + "|" + provider + "|" + LocalDate.ofInstant(takenAt, ZoneOffset.UTC);
        String hour = day + "|" + takenAt.atZone(ZoneOffset.UTC).getHour();
        sent.merge(day, -count, Long::sum);
        sent.merge(hour, -count, Long::sum);
    }

    @Override
    public synchronized long sentOn(String identity, String provider, LocalDate day) {
        return sent.getOrDefault(identity + "|" + provider + "|" + day, 0L);
    }

    @Override
    public synchronized void addDeferred(String identity, String provider, LocalDate day, long count) {
        deferred.merge(identity + "|" + provider + "|" + day, count, Long::sum);
    }

    @Override
    public synchronized long deferredOn(String identity, String provider, LocalDate day) {
        return deferred.getOrDefault(identity + "|" + provider + "|" + day, 0L);
    }

    @Override
    public synchronized void addSignals(String identity, String provider, Instant at, DeliverySignals added) {
        providers.add(identity + "|" + provider);
        signals.merge(identity + "|" + provider + "|" + at.truncatedTo(ChronoUnit.HOURS), added, DeliverySignals::plus);
    }

    @Override
    public synchronized DeliverySignals signals(String identity, String provider, Instant from, Instant to) {
        DeliverySignals total = DeliverySignals.NONE;
        for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
            if (!hour.isBefore(from)) {
                total = total.plus(signals.getOrDefault(identity + "|" + provider + "|" + hour, DeliverySignals.NONE));
            }
        }
        return total;
    }

    @Override
    public synchronized void forgetSignals(String identity, String provider, Instant upTo) {
        String prefix = identity + "|" + provider + "|";
        signals.keySet().removeIf(key -> key.startsWith(prefix) && !Instant.parse(key.substring(prefix.length())).isAfter(upTo));
    }

    @Override
    public synchronized void addWaiting(String identity, String provider, long delta) {
        waiting.merge(identity + "|" + provider, delta, Long::sum);
    }

    @Override
    public synchronized long waiting(String identity, String provider) {
        return waiting.getOrDefault(identity + "|" + provider, 0L);
    }

    @Override
    public synchronized List<String> providers(String identity) {
        return providers.stream().filter(key -> key.startsWith(identity + "|")).map(key -> key.substring(identity.length() + 1)).toList();
    }

    @Override
    public synchronized void record(WarmupDelivery delivery) {
        deliveries.add(delivery);
    }

    @Override
    public synchronized List<WarmupDelivery> deliveriesOf(String messageId) {
        return deliveries.stream().filter(delivery -> delivery.messageId().equals(messageId)).toList();
    }

    @Override
    public synchronized int deleteBefore(Instant cutoff) {
        return 0;
    }
}
