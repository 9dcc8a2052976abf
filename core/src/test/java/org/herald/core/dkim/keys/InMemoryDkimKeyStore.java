package org.herald.core.dkim.keys;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.herald.core.store.DkimKeyStore;

/** The store the lifecycle tests run on; the JDBC backends pass the same contract in the store module. */
final class InMemoryDkimKeyStore implements DkimKeyStore {
    private final Map<String, DkimKey> keys = new LinkedHashMap<>();

    private static String id(String domain, String selector) {
        return domain + "/" + selector;
    }

    @Override
    public synchronized void insert(DkimKey key) {
        if (keys.putIfAbsent(id(key.domain(), key.selector()), key) != null) {
            throw new DuplicateSelectorException(key.domain(), key.selector());
        }
    }

    @Override
    public synchronized Optional<DkimKey> find(String domain, String selector) {
        return Optional.ofNullable(keys.get(id(domain, selector)));
    }

    @Override
    public synchronized List<DkimKey> forDomain(String domain) {
        List<DkimKey> found = new ArrayList<>(keys.values().stream().filter(key -> key.domain().equals(domain)).toList());
        found.sort(Comparator.comparing(DkimKey::created).thenComparing(DkimKey::selector));
        return found;
    }

    @Override
    public synchronized List<DkimKey> inStates(Set<SelectorState> states) {
        return keys.values().stream().filter(key -> states.contains(key.state()))
            .sorted(Comparator.comparing(DkimKey::domain).thenComparing(DkimKey::created)).toList();
    }

    @Override
    public synchronized boolean replace(DkimKey expected, DkimKey updated) {
        DkimKey current = keys.get(id(expected.domain(), expected.selector()));
        if (current == null || current.state() != expected.state()) {
            return false;
        }
        keys.put(id(updated.domain(), updated.selector()), updated);
        return true;
    }

    @Override
    public synchronized boolean delete(String domain, String selector, SelectorState expectedState) {
        DkimKey current = keys.get(id(domain, selector));
        if (current == null || current.state() != expectedState) {
            return false;
        }
        keys.remove(id(domain, selector));
        return true;
    }
}
