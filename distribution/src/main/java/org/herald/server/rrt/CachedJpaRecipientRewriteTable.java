package org.herald.server.rrt;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

import org.apache.james.core.Domain;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.rrt.jpa.JPARecipientRewriteTable;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.apache.james.rrt.lib.Mappings;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.UncheckedExecutionException;

/**
 * James's JPA recipient rewrite table with its lookups answered from memory. The RecipientRewriteTable mailet looks up
 * every recipient of every mail, several queries each (the address, its domain, wildcards), and those queries were
 * about a tenth of the CPU a relayed mail cost; the table itself changes only through WebAdmin on this node (the
 * Derby database is this node's own), and every change clears the cache here. Entries also expire after
 * {@link #MAXIMUM_AGE}, a bound on staleness should a lookup race a change.
 */
public class CachedJpaRecipientRewriteTable extends JPARecipientRewriteTable {
    static final Duration MAXIMUM_AGE = Duration.ofSeconds(10);
    private static final long MAXIMUM_ENTRIES = 100_000;

    private final Cache<MappingSource, Mappings> storedMappings = newCache();
    private final Cache<String, Mappings> addressMappings = newCache();

    private static <K> Cache<K, Mappings> newCache() {
        return CacheBuilder.newBuilder().maximumSize(MAXIMUM_ENTRIES).expireAfterWrite(MAXIMUM_AGE).build();
    }

    @Override
    public Mappings getStoredMappings(MappingSource source) throws RecipientRewriteTableException {
        return cached(storedMappings, source, () -> super.getStoredMappings(source));
    }

    @Override
    protected Mappings mapAddress(String user, Domain domain) throws RecipientRewriteTableException {
        return cached(addressMappings, user + "@" + domain.asString(), () -> super.mapAddress(user, domain));
    }

    @Override
    public void addMapping(MappingSource source, Mapping mapping) throws RecipientRewriteTableException {
        try {
            super.addMapping(source, mapping);
        } finally {
            forgetAll();
        }
    }

    @Override
    public void removeMapping(MappingSource source, Mapping mapping) throws RecipientRewriteTableException {
        try {
            super.removeMapping(source, mapping);
        } finally {
            forgetAll();
        }
    }

    private void forgetAll() {
        storedMappings.invalidateAll();
        addressMappings.invalidateAll();
    }

    private static <K> Mappings cached(Cache<K, Mappings> cache, K key, Callable<Mappings> lookup) throws RecipientRewriteTableException {
        try {
            return cache.get(key, lookup);
        } catch (ExecutionException | UncheckedExecutionException e) {
            if (e.getCause() instanceof RecipientRewriteTableException failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new RecipientRewriteTableException("Cannot read recipient rewrites of " + key, e.getCause());
        }
    }
}
