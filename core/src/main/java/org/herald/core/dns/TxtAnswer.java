package org.herald.core.dns;

import java.util.List;
import java.util.Objects;

/**
 * What a TXT lookup found. Callers must tell "the name has no TXT record" (a permanent, answerable fact) from "DNS did
 * not answer" (temporary): DKIM reports them as permerror/no key versus temperror, and the key pre-check says
 * "no record" only when DNS really said so.
 */
public sealed interface TxtAnswer {

    /** The name exists and has these TXT records (never empty). */
    record Records(List<TxtRecord> records) implements TxtAnswer {
        public Records {
            records = List.copyOf(Objects.requireNonNull(records, "records"));
            if (records.isEmpty()) {
                throw new IllegalArgumentException("Records needs at least one record; use NoRecord");
            }
        }
    }

    /** NXDOMAIN, or the name exists without TXT records (NODATA). */
    record NoRecord(String name, String detail) implements TxtAnswer {
    }

    /** No usable answer: timeout, SERVFAIL, refused, network error. Worth retrying later. */
    record Failure(String name, String detail) implements TxtAnswer {
    }
}
