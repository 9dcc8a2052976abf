package org.herald.core.dns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * TXT lookups with dnsjava against the resolvers of conf/dns.xml, uncached: the key pre-check must see a record the
 * moment it is published, not after a negative-cache TTL. (The server-wide cached resolver pool is conf/dns.xml's
 * next step.)
 */
public final class DnsJavaTxtLookup implements TxtLookup {
    private final Resolver resolver;

    public DnsJavaTxtLookup(DnsConfiguration configuration) {
        this(DnsResolvers.of(configuration));
    }

    public DnsJavaTxtLookup(Resolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    @Override
    public TxtAnswer txt(String name) {
        Name query;
        try {
            query = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            return new TxtAnswer.NoRecord(name, "not a valid DNS name (" + e.getMessage() + ")");
        }
        Message response;
        try {
            response = resolver.send(Message.newQuery(Record.newRecord(query, Type.TXT, DClass.IN)));
        } catch (IOException e) {
            return new TxtAnswer.Failure(name, "no resolver answered: " + e.getMessage());
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return new TxtAnswer.NoRecord(name, "NXDOMAIN: the name does not exist");
        }
        if (rcode != Rcode.NOERROR) {
            return new TxtAnswer.Failure(name, "the resolver answered " + Rcode.string(rcode));
        }
        List<TxtRecord> records = new ArrayList<>();
        for (Record record : response.getSection(Section.ANSWER)) {
            if (record instanceof TXTRecord txt) {
                // getStrings() would escape characters in zone-file style; the bytes are what was published.
                records.add(new TxtRecord(txt.getStringsAsByteArrays().stream()
                    .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList()));
            }
        }
        return records.isEmpty()
            ? new TxtAnswer.NoRecord(name, "the name has no TXT record")
            : new TxtAnswer.Records(records);
    }
}
