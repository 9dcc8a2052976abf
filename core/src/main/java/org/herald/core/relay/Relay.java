package org.herald.core.relay;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A named relay of conf/relays.xml: where to connect ({@code endpoint}), how many connections at once, how long to
 * wait, which certificates to trust, and the sending identity reputation is tracked under (warmup).
 */
public record Relay(String name, Smarthost endpoint, int maxConnections, RelayTimeouts timeouts,
                    Optional<TrustStore> trustStore, Optional<String> sourceIdentity, Optional<String> localAddress) {
    /** The name a lone {@code <smarthost>} element gets. */
    public static final String SMARTHOST = "smarthost";
    public static final int DEFAULT_MAX_CONNECTIONS = 8;
    /** Names appear in metric names and URLs: lower-case letters, digits, '-' and '_'. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    public Relay {
        Objects.requireNonNull(name);
        Objects.requireNonNull(endpoint);
        Objects.requireNonNull(timeouts);
        Objects.requireNonNull(trustStore);
        Objects.requireNonNull(sourceIdentity);
        Objects.requireNonNull(localAddress);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("relay name " + name + " does not match " + NAME);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
    }

    /** A relay with every optional setting at its default. */
    public static Relay of(String name, Smarthost endpoint) {
        return new Relay(name, endpoint, DEFAULT_MAX_CONNECTIONS, RelayTimeouts.DEFAULT, Optional.empty(), Optional.empty(),
            Optional.empty());
    }

    /** What reputation (IP warmup) is tracked under: the configured source identity, else the relay itself. */
    public String identity() {
        return sourceIdentity.orElse(name);
    }

    public String address() {
        return endpoint.address();
    }
}
