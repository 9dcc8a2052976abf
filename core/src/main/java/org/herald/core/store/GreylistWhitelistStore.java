package org.herald.core.store;

import java.util.List;

import org.herald.core.greylist.WhitelistEntry;
import org.herald.core.greylist.WhitelistKind;

/**
 * Whitelist entries added over WebAdmin, on top of those in conf/greylist.xml; shared by every node of a PostgreSQL
 * store. Entries arrive validated and normalised ({@link WhitelistEntry#parse}).
 *
 * <p>Failure policy: a store that cannot be reached makes these methods throw a RuntimeException (the JDBC backends:
 * {@code org.herald.store.StoreAccessException}); during a decision the guard accepts the mail (fail open), the routes
 * answer 500.
 */
public interface GreylistWhitelistStore {

    /** Adds the entry; adding it again changes nothing. */
    void add(WhitelistEntry entry);

    /** @return false when there was no such entry */
    boolean remove(WhitelistEntry entry);

    /** Every entry, by kind (in {@link WhitelistKind} order), then value. */
    List<WhitelistEntry> all();

    /** The entries of one kind, by value. */
    default List<WhitelistEntry> list(WhitelistKind kind) {
        return all().stream().filter(entry -> entry.kind() == kind).toList();
    }
}
