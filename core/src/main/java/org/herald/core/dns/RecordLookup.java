package org.herald.core.dns;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * One DNS question, answered: what TXT, PTR and James's lookups are built on. {@link ResolverPool} is the
 * implementation; tests of the lookups above it answer from a map.
 */
@FunctionalInterface
public interface RecordLookup {
    /**
     * @param type a dnsjava {@link org.xbill.DNS.Type} constant
     * @return the answer: records, NODATA or NXDOMAIN
     * @throws DnsLookupException when no resolver gave a usable answer within the lookup budget (timeout, SERVFAIL,
     *                            refused, network error)
     */
    DnsAnswer lookup(Name name, int type, CachePolicy policy);

    /**
     * The same for a name as text, always taken as absolute (no search domains: an MTA asks about the names it was
     * given).
     *
     * @throws IllegalArgumentException when {@code name} is not a DNS name
     */
    default DnsAnswer lookup(String name, int type, CachePolicy policy) {
        return lookup(absoluteName(name), type, policy);
    }

    static Name absoluteName(String name) {
        try {
            return Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("\"" + name + "\" is not a valid DNS name (" + e.getMessage() + ")", e);
        }
    }
}
