package org.herald.core.dns;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

/** Reverse DNS (PTR, in-addr.arpa / ip6.arpa) through Herald's {@link RecordLookup}, cached. */
public final class DnsJavaPtrLookup implements PtrLookup {
    private final RecordLookup dns;

    public DnsJavaPtrLookup(RecordLookup dns) {
        this.dns = Objects.requireNonNull(dns, "dns");
    }

    @Override
    public List<String> hostNames(InetAddress address) {
        DnsAnswer answer = dns.lookup(ReverseMap.fromAddress(address), Type.PTR, CachePolicy.USE);
        return answer.records(PTRRecord.class).stream()
            .map(ptr -> ptr.getTarget().toString(true).toLowerCase(Locale.ROOT))
            .distinct()
            .toList();
    }
}
