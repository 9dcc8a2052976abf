package org.herald.core.dns;

/** What the answer cache holds and how often it answered, since start. */
public record DnsCacheStats(int size, int maxEntries, long hits, long misses, long evictions) {
}
