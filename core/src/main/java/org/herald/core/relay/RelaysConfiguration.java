package org.herald.core.relay;

import org.herald.core.breaker.BreakerSettings;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * conf/relays.xml, parsed: the relays, the streams and their routes, the rules that pick a mail's stream, the retry
 * schedule and the circuit breaker settings. With no relay at all, outbound mail goes straight to each recipient
 * domain's MX hosts.
 */
public record RelaysConfiguration(List<Relay> relays, List<MailStream> streams, List<StreamRule> rules, String defaultStream,
                                  RetrySchedule retry, BreakerSettings breaker) {
    public static final String DEFAULT_STREAM = "default";
    public static final RelaysConfiguration DEFAULT = new RelaysConfiguration(List.of(), List.of(), List.of(), DEFAULT_STREAM,
        RetrySchedule.DEFAULT, BreakerSettings.DEFAULT);

    public RelaysConfiguration {
        relays = List.copyOf(relays);
        streams = List.copyOf(streams);
        rules = List.copyOf(rules);
        Objects.requireNonNull(defaultStream);
        Objects.requireNonNull(retry);
        Objects.requireNonNull(breaker);
        Map<String, Relay> byName = new HashMap<>();
        relays.forEach(relay -> {
            if (byName.put(relay.name(), relay) != null) {
                throw new IllegalArgumentException("two relays are named " + relay.name());
            }
        });
        Map<String, String> streamOfRelay = new HashMap<>();
        for (MailStream stream : streams) {
            List<List<String>> chains = new java.util.ArrayList<>(stream.senderDomainRoutes().values());
            chains.add(stream.relays());
            for (List<String> chain : chains) {
                for (String relay : chain) {
                    if (!byName.containsKey(relay)) {
                        throw new IllegalArgumentException("stream " + stream.name() + " names the unknown relay " + relay);
                    }
                    String other = streamOfRelay.putIfAbsent(relay, stream.name());
                    if (other != null && !other.equals(stream.name())) {
                        throw new IllegalArgumentException("relay " + relay + " serves both " + other + " and " + stream.name());
                    }
                }
            }
        }
        if (!relays.isEmpty() && streams.stream().noneMatch(stream -> stream.name().equals(defaultStream))) {
            throw new IllegalArgumentException("the default stream " + defaultStream + " is not declared");
        }
    }

    /** A configuration with one relay, used by the default stream, and no rules. */
    public static RelaysConfiguration singleRelay(Relay relay, RetrySchedule retry, BreakerSettings breaker) {
        return new RelaysConfiguration(List.of(relay), List.of(new MailStream(DEFAULT_STREAM, List.of(relay.name()), Map.of())),
            List.of(), DEFAULT_STREAM, retry, breaker);
    }

    /** True when outbound mail goes through relays (false: straight to MX hosts). */
    public boolean relaying() {
        return !relays.isEmpty();
    }

    public Optional<Relay> relay(String name) {
        return relays.stream().filter(relay -> relay.name().equals(name)).findFirst();
    }

    public Optional<MailStream> stream(String name) {
        return streams.stream().filter(stream -> stream.name().equals(name)).findFirst();
    }

    /** The stream each relay serves. */
    public Map<String, String> streamOfRelays() {
        Map<String, String> result = new LinkedHashMap<>();
        for (MailStream stream : streams) {
            stream.relays().forEach(relay -> result.putIfAbsent(relay, stream.name()));
            stream.senderDomainRoutes().values().forEach(chain -> chain.forEach(relay -> result.putIfAbsent(relay, stream.name())));
        }
        return result;
    }

    /** The relays, in failover order, for mail of {@code stream} from {@code senderDomain}; empty for an unknown stream. */
    public List<Relay> chainFor(String stream, String senderDomain) {
        return stream(stream)
            .map(found -> found.chainFor(senderDomain).stream().map(name -> relay(name).orElseThrow()).toList())
            .orElse(List.of());
    }

    public StreamClassifier classifier() {
        return new StreamClassifier(rules, streams.stream().map(MailStream::name).collect(Collectors.toSet()), defaultStream);
    }

    /**
     * The durable queue a stream's mail waits in: the default stream uses {@code outgoingQueue} itself, every other
     * stream a queue of its own ({@code outgoing-bulk}), so a backlog in one stream never delays another.
     */
    public String queueFor(String stream, String outgoingQueue) {
        return stream.equals(defaultStream) ? outgoingQueue : outgoingQueue + "-" + stream;
    }
}
