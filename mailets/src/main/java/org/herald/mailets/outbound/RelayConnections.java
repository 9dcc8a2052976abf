package org.herald.mailets.outbound;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.mail.internet.MimeMessage;

import org.herald.core.relay.Relay;
import org.herald.core.relay.RelayAnswer;

/** One connection pool per relay, shared by the delivery workers of every stream. */
public final class RelayConnections implements AutoCloseable {
    private final Map<String, RelayConnectionPool> pools = new LinkedHashMap<>();

    public RelayConnections(List<Relay> relays, String heloName, Clock clock) {
        relays.forEach(relay -> pools.put(relay.name(), new RelayConnectionPool(relay, heloName, clock)));
    }

    public RelayAnswer deliver(Relay relay, String sender, List<String> recipients, MimeMessage message) throws InterruptedException {
        RelayConnectionPool pool = pools.get(relay.name());
        if (pool == null) {
            throw new IllegalArgumentException("no connection pool for relay " + relay.name());
        }
        return pool.deliver(sender, recipients, message);
    }

    @Override
    public void close() {
        pools.values().forEach(RelayConnectionPool::close);
    }
}
