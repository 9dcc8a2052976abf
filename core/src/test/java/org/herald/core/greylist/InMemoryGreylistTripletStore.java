package org.herald.core.greylist;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.herald.core.store.GreylistTripletStore;

/** A {@link GreylistTripletStore} in a map, for policy tests; {@link #failWith} makes every call throw. */
class InMemoryGreylistTripletStore implements GreylistTripletStore {
    private final Map<Triplet, GreylistRecord> records = new ConcurrentHashMap<>();
    private RuntimeException failure;

    void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    private void check() {
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public Optional<GreylistRecord> find(Triplet triplet) {
        check();
        return Optional.ofNullable(records.get(triplet));
    }

    @Override
    public boolean insertFirstSight(GreylistRecord record) {
        check();
        return records.putIfAbsent(record.triplet(), record) == null;
    }

    @Override
    public boolean update(GreylistRecord record) {
        check();
        return records.replace(record.triplet(), record) != null;
    }

    @Override
    public boolean delete(Triplet triplet) {
        check();
        return records.remove(triplet) != null;
    }

    @Override
    public List<GreylistRecord> forNetwork(String clientNetwork) {
        check();
        return records.values().stream().filter(record -> record.triplet().clientNetwork().equals(clientNetwork))
            .sorted(Comparator.comparing(GreylistRecord::firstSeen)).toList();
    }

    @Override
    public int deleteUnseenSince(Instant cutoff) {
        check();
        List<Triplet> expired = records.values().stream().filter(record -> record.lastSeen().isBefore(cutoff))
            .map(GreylistRecord::triplet).toList();
        expired.forEach(records::remove);
        return expired.size();
    }

    @Override
    public long count() {
        check();
        return records.size();
    }
}
