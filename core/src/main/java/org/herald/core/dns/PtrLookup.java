package org.herald.core.dns;

import java.net.InetAddress;
import java.util.List;

/** Reverse DNS through Herald's resolvers: the host names (PTR records) of an address. */
@FunctionalInterface
public interface PtrLookup {
    /**
     * @return the names, without trailing dot, lower case; empty when the address has no PTR record (NXDOMAIN/NODATA)
     * @throws DnsLookupException when DNS gave no usable answer (timeout, SERVFAIL): the caller decides what that means
     */
    List<String> hostNames(InetAddress address);
}
