package org.herald.core.dns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * Answers kept for their TTL, with negative caching (RFC 2308): NXDOMAIN and NODATA are kept for the SOA's minimum (or
 * its own TTL if lower), capped by {@code maxNegativeTtl}; a negative answer without an SOA is not kept. Least recently
 * used answers go first when {@code maxEntries} is reached. Herald's own rather than dnsjava's {@code Cache}, which
 * reads the system clock: expiry here follows the injected {@link Clock}, so tests can move time.
 *
 * <p>An answer handed out carries TTLs reduced by the time it spent here, as a resolver's cache would.
 */
public final class DnsCache {
    private record Key(Name name, int type) {
    }

    private record Entry(DnsAnswer answer, Instant storedAt, Instant expiresAt) {
    }

    private final DnsCacheSettings settings;
    private final Clock clock;
    private final LinkedHashMap<Key, Entry> entries;
    private long hits;
    private long misses;
    private long evictions;

    public DnsCache(DnsCacheSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                boolean full = size() > settings.maxEntries();
                if (full) {
                    evictions++;
                }
                return full;
            }
        };
    }

    /** The cached answer to this question if one is still within its TTL; counts a hit or a miss. */
    public synchronized Optional<DnsAnswer> get(Name name, int type) {
        Key key = new Key(name, type);
        Entry entry = entries.get(key);
        Instant now = clock.instant();
        if (entry != null && !now.isBefore(entry.expiresAt())) {
            entries.remove(key);
            entry = null;
        }
        if (entry == null) {
            misses++;
            return Optional.empty();
        }
        hits++;
        long elapsed = Duration.between(entry.storedAt(), now).toSeconds();
        DnsAnswer answer = entry.answer();
        return Optional.of(new DnsAnswer(answer.name(), answer.type(), answer.kind(), aged(answer.answerSection(), elapsed),
            aged(answer.authoritySection(), elapsed), DnsAnswer.FROM_CACHE));
    }

    /** Keeps a resolver's answer for as long as its TTLs allow (not at all for a TTL of 0). */
    public synchronized void put(DnsAnswer answer) {
        if (settings.maxEntries() == 0 || answer.fromCache()) {
            return;
        }
        Key key = new Key(answer.name(), answer.type());
        Duration ttl = ttl(answer);
        if (ttl.isZero() || ttl.isNegative()) {
            entries.remove(key);
            return;
        }
        Instant now = clock.instant();
        entries.put(key, new Entry(answer, now, now.plus(ttl)));
    }

    /** How long an answer may be kept; zero when it must not be. */
    Duration ttl(DnsAnswer answer) {
        long answerTtl = answer.answerSection().stream().mapToLong(Record::getTTL).min().orElse(Long.MAX_VALUE);
        if (answer.kind() == DnsAnswer.Kind.RECORDS) {
            return cap(answerTtl, settings.maxTtl());
        }
        Optional<SOARecord> soa = answer.authoritySection().stream()
            .filter(SOARecord.class::isInstance).map(SOARecord.class::cast).findFirst();
        if (soa.isEmpty()) {
            return Duration.ZERO;
        }
        long negativeTtl = Math.min(answerTtl, Math.min(soa.get().getTTL(), soa.get().getMinimum()));
        return cap(negativeTtl, settings.maxNegativeTtl());
    }

    private static Duration cap(long seconds, Duration max) {
        return seconds >= max.toSeconds() ? max : Duration.ofSeconds(Math.max(0, seconds));
    }

    private static List<Record> aged(List<Record> records, long elapsedSeconds) {
        if (elapsedSeconds <= 0) {
            return records;
        }
        return records.stream()
            .map(record -> Record.newRecord(record.getName(), record.getType(), record.getDClass(),
                Math.max(0, record.getTTL() - elapsedSeconds), record.rdataToWireCanonical()))
            .toList();
    }

    public synchronized void clear() {
        entries.clear();
    }

    public synchronized DnsCacheStats stats() {
        return new DnsCacheStats(entries.size(), settings.maxEntries(), hits, misses, evictions);
    }
}
