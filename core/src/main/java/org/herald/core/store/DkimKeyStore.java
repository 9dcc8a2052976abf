package org.herald.core.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.herald.core.dkim.keys.DkimKey;
import org.herald.core.dkim.keys.SelectorState;

/**
 * The DKIM keys of every domain Herald signs for, private halves sealed. With a shared PostgreSQL store every node
 * signs with the same keys.
 *
 * <p>Backends keep timestamps to microsecond precision. Failure policy: a store that cannot be reached makes these
 * methods throw; the signer then keeps the keys it last read (see SigningKeys) and the routes answer 500.
 */
public interface DkimKeyStore {

    /** @throws DuplicateSelectorException when the domain already has a key with this selector */
    void insert(DkimKey key);

    Optional<DkimKey> find(String domain, String selector);

    /** The domain's keys, oldest first (by created, then selector). */
    List<DkimKey> forDomain(String domain);

    /** Keys of every domain in one of these states, ordered by domain then created. */
    List<DkimKey> inStates(Set<SelectorState> states);

    /**
     * Stores {@code updated} in place of the key with the same domain and selector, if that key is still in
     * {@code expected}'s state: two nodes moving the same key at once cannot both succeed.
     *
     * @return false when the key is gone or was moved to another state meanwhile
     */
    boolean replace(DkimKey expected, DkimKey updated);

    /** Deletes the key if it is in {@code expectedState}; false when it is not (any more). */
    boolean delete(String domain, String selector, SelectorState expectedState);

    /** A selector the domain already uses. */
    final class DuplicateSelectorException extends RuntimeException {
        public DuplicateSelectorException(String domain, String selector) {
            super("The domain " + domain + " already has a key with selector " + selector);
        }
    }
}
