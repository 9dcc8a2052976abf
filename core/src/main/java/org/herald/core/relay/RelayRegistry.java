package org.herald.core.relay;

import org.herald.core.breaker.BreakerTransition;
import org.herald.core.breaker.DependencyBreaker;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every relay of conf/relays.xml as it runs, built once at start: delivery workers take their failover chains from
 * here, and WebAdmin and metrics read the same breakers and counters.
 */
public final class RelayRegistry {
    private final RelaysConfiguration configuration;
    private final Map<String, RelayRuntime> relays = new LinkedHashMap<>();

    public RelayRegistry(RelaysConfiguration configuration, Clock clock, Consumer<BreakerTransition> transitions) {
        this.configuration = configuration;
        Map<String, String> streams = configuration.streamOfRelays();
        for (Relay relay : configuration.relays()) {
            DependencyBreaker breaker = new DependencyBreaker(relay.name(), configuration.breaker(), clock, transitions);
            relays.put(relay.name(), new RelayRuntime(relay, streams.getOrDefault(relay.name(), ""), breaker, clock));
        }
    }

    public RelaysConfiguration configuration() {
        return configuration;
    }

    public List<RelayRuntime> all() {
        return List.copyOf(relays.values());
    }

    public Optional<RelayRuntime> relay(String name) {
        return Optional.ofNullable(relays.get(name));
    }

    /** The failover chain for mail of {@code stream} from {@code senderDomain}. */
    public List<RelayRuntime> chainFor(String stream, String senderDomain) {
        return configuration.stream(stream)
            .map(found -> found.chainFor(senderDomain).stream().map(relays::get).toList())
            .orElse(List.of());
    }
}
