package org.herald.core.greylist;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.herald.core.store.AutoWhitelistStore;

/** An {@link AutoWhitelistStore} in a map, for policy tests. */
final class InMemoryAutoWhitelistStore implements AutoWhitelistStore {
    private final Map<String, AutoWhitelistEntry> entries = new ConcurrentHashMap<>();

    @Override
    public int recordPass(String clientNetwork, Instant now) {
        return entries.merge(clientNetwork, new AutoWhitelistEntry(clientNetwork, 1, now, now),
            (old, fresh) -> new AutoWhitelistEntry(clientNetwork, old.passes() + 1, old.firstPassed(), now)).passes();
    }

    @Override
    public Optional<AutoWhitelistEntry> find(String clientNetwork) {
        return Optional.ofNullable(entries.get(clientNetwork));
    }

    @Override
    public boolean touch(String clientNetwork, Instant now) {
        return entries.computeIfPresent(clientNetwork,
            (network, old) -> new AutoWhitelistEntry(network, old.passes(), old.firstPassed(), now)) != null;
    }

    @Override
    public List<AutoWhitelistEntry> all() {
        return entries.values().stream().sorted(Comparator.comparing(AutoWhitelistEntry::clientNetwork)).toList();
    }

    @Override
    public boolean delete(String clientNetwork) {
        return entries.remove(clientNetwork) != null;
    }

    @Override
    public int deleteUnseenSince(Instant cutoff) {
        List<String> expired = entries.values().stream().filter(entry -> entry.lastSeen().isBefore(cutoff))
            .map(AutoWhitelistEntry::clientNetwork).toList();
        expired.forEach(entries::remove);
        return expired.size();
    }
}
