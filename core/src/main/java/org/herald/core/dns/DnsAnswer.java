package org.herald.core.dns;

import java.util.List;
import java.util.Objects;

import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A usable answer to one question (an answer that says "no" included): the answer section as the resolver sent it
 * (CNAMEs on the way included, so that it can be handed back to dnsjava's {@code Lookup} unchanged), the authority
 * section of a negative answer (its SOA), and where it came from.
 *
 * @param source the resolver that answered ({@code 127.0.0.1:53}), or {@code "cache"}
 */
public record DnsAnswer(Name name, int type, Kind kind, List<Record> answerSection, List<Record> authoritySection, String source) {

    public enum Kind {
        /** The name has records of the type asked. */
        RECORDS,
        /** The name exists without records of that type (NOERROR, empty answer). */
        NO_DATA,
        /** The name does not exist. */
        NX_DOMAIN
    }

    public static final String FROM_CACHE = "cache";

    public DnsAnswer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        answerSection = List.copyOf(answerSection);
        authoritySection = List.copyOf(authoritySection);
        Objects.requireNonNull(source, "source");
    }

    /**
     * A NOERROR or NXDOMAIN response as an answer; of the authority section only the SOA is kept (what negative
     * caching needs).
     */
    public static DnsAnswer fromResponse(Name name, int type, Message response, String source) {
        List<Record> answers = response.getSection(Section.ANSWER);
        List<Record> soa = response.getSection(Section.AUTHORITY).stream().filter(SOARecord.class::isInstance).toList();
        Kind kind;
        if (response.getRcode() == Rcode.NXDOMAIN) {
            kind = Kind.NX_DOMAIN;
        } else if (answers.stream().anyMatch(record -> record.getType() == type)) {
            kind = Kind.RECORDS;
        } else {
            kind = Kind.NO_DATA;
        }
        return new DnsAnswer(name, type, kind, answers, soa, source);
    }

    /** The records of the type asked, in the order the resolver gave them. */
    public List<Record> records() {
        return answerSection.stream().filter(record -> record.getType() == type).toList();
    }

    /** The records of the type asked, as their dnsjava class. */
    public <T extends Record> List<T> records(Class<T> recordClass) {
        return records().stream().filter(recordClass::isInstance).map(recordClass::cast).toList();
    }

    public boolean fromCache() {
        return FROM_CACHE.equals(source);
    }

    /** For messages: {@code example.com/MX}. */
    public static String describe(Name name, int type) {
        return name.toString(true) + "/" + Type.string(type);
    }
}
