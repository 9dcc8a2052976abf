package org.herald.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.herald.core.greylist.GreylistRecord;
import org.herald.core.greylist.Triplet;

/**
 * The greylist triplets every node consults. With a shared PostgreSQL store a sender deferred by one node passes on
 * another once the delay is over.
 *
 * <p>Backends keep timestamps to microsecond precision. Failure policy: a store that cannot be reached makes these
 * methods throw a RuntimeException (the JDBC backends: {@code org.herald.store.StoreAccessException}); the policy lets
 * it propagate and the RCPT hook's guard accepts the mail (fail open), counts it and feeds the breaker.
 */
public interface GreylistTripletStore {

    Optional<GreylistRecord> find(Triplet triplet);

    /**
     * Stores a triplet seen for the first time.
     *
     * @return false when the triplet is already stored (another node or session got there first): re-read it
     */
    boolean insertFirstSight(GreylistRecord record);

    /**
     * Stores {@code record} in place of the stored record of the same triplet (last writer wins: concurrent passes
     * of one triplet only race on lastSeen and passCount).
     *
     * @return false when the triplet is not stored (purged or released meanwhile)
     */
    boolean update(GreylistRecord record);

    /** Forgets the triplet (WebAdmin release or reset); false when it was not stored. */
    boolean delete(Triplet triplet);

    /** The triplets of one client network, oldest first sight first. */
    List<GreylistRecord> forNetwork(String clientNetwork);

    /** Purges triplets last seen before {@code cutoff}; returns how many. */
    int deleteUnseenSince(Instant cutoff);

    long count();
}
