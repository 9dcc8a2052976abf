package org.herald.core.greylist;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.herald.core.store.GreylistWhitelistStore;

/** A {@link GreylistWhitelistStore} in a set, for policy tests; counts its reads. */
final class InMemoryGreylistWhitelistStore implements GreylistWhitelistStore {
    private final Set<WhitelistEntry> entries = ConcurrentHashMap.newKeySet();
    int reads;

    @Override
    public void add(WhitelistEntry entry) {
        entries.add(entry);
    }

    @Override
    public boolean remove(WhitelistEntry entry) {
        return entries.remove(entry);
    }

    @Override
    public List<WhitelistEntry> all() {
        reads++;
        return entries.stream()
            .sorted(Comparator.comparing(WhitelistEntry::kind).thenComparing(WhitelistEntry::value))
            .toList();
    }
}
