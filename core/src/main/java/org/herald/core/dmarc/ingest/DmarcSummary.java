package org.herald.core.dmarc.ingest;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the reports say about one policy domain over a period.
 *
 * @param messages    messages the reporters saw
 * @param dkimAligned messages whose DKIM passed aligned
 * @param spfAligned  messages whose SPF passed aligned
 * @param dmarcPass   messages that passed DMARC (either aligned)
 */
public record DmarcSummary(String policyDomain, long reports, long messages, long dkimAligned, long spfAligned, long dmarcPass,
                           List<Slice> byReporter, List<Slice> byDay) {

    /** The same figures for one reporter or one day. */
    public record Slice(String key, long messages, long dmarcPass) {
        public Slice {
            Objects.requireNonNull(key, "key");
        }
    }

    public DmarcSummary {
        Objects.requireNonNull(policyDomain, "policyDomain");
        byReporter = List.copyOf(byReporter);
        byDay = List.copyOf(byDay);
    }

    /** The day of a report, UTC: the day its date range begins. */
    public static String dayOf(java.time.Instant begin) {
        return LocalDate.ofInstant(begin, java.time.ZoneOffset.UTC).toString();
    }
}
