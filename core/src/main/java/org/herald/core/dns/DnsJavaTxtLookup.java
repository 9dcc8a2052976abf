package org.herald.core.dns;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * TXT lookups through Herald's {@link RecordLookup} (the resolver pool). With {@link CachePolicy#BYPASS} every lookup
 * asks a resolver: the DKIM key pre-check must see a record the moment it is published, not after a negative-cache
 * TTL. DKIM verification uses {@link CachePolicy#USE}.
 */
public final class DnsJavaTxtLookup implements TxtLookup {
    private final RecordLookup dns;
    private final CachePolicy policy;

    public DnsJavaTxtLookup(RecordLookup dns, CachePolicy policy) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public TxtAnswer txt(String name) {
        DnsAnswer answer;
        try {
            answer = dns.lookup(name, Type.TXT, policy);
        } catch (IllegalArgumentException e) {
            return new TxtAnswer.NoRecord(name, e.getMessage());
        } catch (DnsLookupException e) {
            return new TxtAnswer.Failure(name, e.getMessage());
        }
        return switch (answer.kind()) {
            case NX_DOMAIN -> new TxtAnswer.NoRecord(name, "NXDOMAIN: the name does not exist");
            case NO_DATA -> new TxtAnswer.NoRecord(name, "the name has no TXT record");
            case RECORDS -> new TxtAnswer.Records(records(answer));
        };
    }

    private static List<TxtRecord> records(DnsAnswer answer) {
        // getStrings() would escape characters in zone-file style; the bytes are what was published.
        return answer.records(TXTRecord.class).stream()
            .map(txt -> new TxtRecord(txt.getStringsAsByteArrays().stream()
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList()))
            .toList();
    }
}
