package org.herald.core.dkim.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

import org.herald.core.dkim.DkimSigningKey;

/**
 * The active keys per domain as the signer needs them, decrypted, so that signing a mail costs no store round trip
 * and no decryption. An entry is reloaded after {@code refresh} (how soon a key activated on another node is used) or
 * at once when this node changes the domain's keys. A store that fails a reload leaves the last keys in use: a store
 * outage must not turn signed mail into unsigned mail.
 */
public final class SigningKeyCache {
    private record Entry(List<DkimSigningKey> keys, Instant loaded) {
    }

    private final Function<String, List<DkimSigningKey>> loader;
    private final Duration refresh;
    private final Clock clock;
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    public SigningKeyCache(Function<String, List<DkimSigningKey>> loader, Duration refresh, Clock clock) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws RuntimeException from the loader only when the domain was never loaded successfully
     */
    public List<DkimSigningKey> activeKeys(String domain) {
        Instant now = clock.instant();
        Entry entry = entries.get(domain);
        if (entry != null && entry.loaded().isAfter(now.minus(refresh))) {
            return entry.keys();
        }
        try {
            Entry loaded = new Entry(List.copyOf(loader.apply(domain)), now);
            entries.put(domain, loaded);
            return loaded.keys();
        } catch (RuntimeException e) {
            if (entry == null) {
                throw e;
            }
            return entry.keys();
        }
    }

    /** Reload the domain's keys at the next use; the current ones stay as the fallback should that reload fail. */
    public void invalidate(String domain) {
        entries.computeIfPresent(domain, (name, entry) -> new Entry(entry.keys(), Instant.MIN));
    }
}
