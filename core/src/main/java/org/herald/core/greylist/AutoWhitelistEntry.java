package org.herald.core.greylist;

import java.time.Instant;
import java.util.Objects;

/**
 * A client network's record of passing greylisting: once {@code passes} reaches the configured
 * {@code autoWhitelistAfter}, the network skips greylisting, since it has shown it retries like a real MTA.
 *
 * @param clientNetwork as in {@link Triplet#clientNetwork()}
 * @param passes        recipients that passed greylisting from it
 * @param firstPassed   when it first passed
 * @param lastSeen      when it last passed or was let through as auto-whitelisted; purged when unseen for the
 *                      record lifetime
 */
public record AutoWhitelistEntry(String clientNetwork, int passes, Instant firstPassed, Instant lastSeen) {
    public AutoWhitelistEntry {
        Objects.requireNonNull(clientNetwork, "clientNetwork");
        Objects.requireNonNull(firstPassed, "firstPassed");
        Objects.requireNonNull(lastSeen, "lastSeen");
        if (passes < 1) {
            throw new IllegalArgumentException("an auto-whitelist entry has at least one pass");
        }
    }

    /** Whether the network skips greylisting; never when {@code threshold} is 0 (auto-whitelisting off). */
    public boolean isWhitelisted(int threshold) {
        return threshold > 0 && passes >= threshold;
    }
}
