package org.herald.core.store;

import java.util.List;
import java.util.Optional;

import org.herald.core.warmup.ProviderThrottle;
import org.herald.core.warmup.WarmupIdentityState;

/**
 * Where each warming identity is in its schedule, and which of its providers are throttled; shared by the nodes of a
 * PostgreSQL store, so they advance and throttle one identity together.
 *
 * <p>Failure policy: an unreachable store makes these methods throw a RuntimeException; the delivery path then lets
 * the mail wait in the queue (it never sends beyond a budget it could not read).
 */
public interface WarmupStateStore {
    Optional<WarmupIdentityState> find(String identity);

    List<WarmupIdentityState> all();

    /** Stores {@code initial} unless the identity has a state; returns the stored state either way. */
    WarmupIdentityState createIfAbsent(WarmupIdentityState initial);

    /**
     * Replaces the stored state if its version is still {@code expected.version()}; the stored version is then one more.
     *
     * @return false when another node changed it first (read again)
     */
    boolean replace(WarmupIdentityState expected, WarmupIdentityState updated);

    /** Sets the state whatever is stored (an operator's PUT), version one more than before. */
    WarmupIdentityState put(WarmupIdentityState state);

    List<ProviderThrottle> throttles(String identity);

    /** Records a throttle unless the identity × provider already has one; true when it is new. */
    boolean throttle(ProviderThrottle throttle);

    /** Ends the throttle of an identity × provider; true when there was one. */
    boolean clearThrottle(String identity, String provider);
}
