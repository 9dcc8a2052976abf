package org.herald.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.herald.core.greylist.AutoWhitelistEntry;

/**
 * How many recipients passed greylisting from each client network; networks past the threshold skip greylisting.
 * Counters are shared by every node of a PostgreSQL store and incremented atomically.
 *
 * <p>Failure policy: a store that cannot be reached makes these methods throw a RuntimeException (the JDBC backends:
 * {@code org.herald.store.StoreAccessException}); the guard accepts the mail (fail open) and feeds the breaker.
 */
public interface AutoWhitelistStore {

    /**
     * Counts one more pass from the network and marks it seen at {@code now}; safe when many nodes count at once.
     *
     * @return the network's pass count after this one
     */
    int recordPass(String clientNetwork, Instant now);

    Optional<AutoWhitelistEntry> find(String clientNetwork);

    /** Marks an auto-whitelisted network seen, so the purge keeps it; false when it is not stored. */
    boolean touch(String clientNetwork, Instant now);

    /** Every network, by network text. */
    List<AutoWhitelistEntry> all();

    /** Forgets a network (WebAdmin): it is greylisted again until it earns its passes anew. */
    boolean delete(String clientNetwork);

    /** Purges networks last seen before {@code cutoff}; returns how many. */
    int deleteUnseenSince(Instant cutoff);
}
