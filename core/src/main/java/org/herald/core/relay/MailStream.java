package org.herald.core.relay;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A named stream of outbound mail (e.g. {@code personal}, {@code bulk}) and its routes: the failover chain of relays
 * its mail goes through, and optional chains for particular sender domains. A stream's mail only ever goes through
 * its own relays: no relay serves two streams, so list mail cannot spoil the reputation personal mail relies on.
 */
public record MailStream(String name, List<String> relays, Map<String, List<String>> senderDomainRoutes) {
    public MailStream {
        Objects.requireNonNull(name);
        relays = List.copyOf(relays);
        senderDomainRoutes = Map.copyOf(senderDomainRoutes);
        if (relays.isEmpty()) {
            throw new IllegalArgumentException("stream " + name + " needs at least one relay");
        }
    }

    /** The relays, in failover order, for mail of this stream from {@code senderDomain} (null or empty: none). */
    public List<String> chainFor(String senderDomain) {
        if (senderDomain == null || senderDomain.isEmpty()) {
            return relays;
        }
        return senderDomainRoutes.getOrDefault(senderDomain.toLowerCase(Locale.ROOT), relays);
    }
}
