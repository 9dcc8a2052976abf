package org.herald.core.dmarc.report;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The attachment name RFC 7489 §7.2.1.1 prescribes, {@code receiver "!" policy-domain "!" begin "!" end ".xml.gz"}
 * with the timestamps in seconds since the epoch. Report readers sort and deduplicate by it, so it follows the RFC
 * exactly; domains are lower-cased and lose a trailing dot.
 */
public record ReportFileName(String receiverDomain, String policyDomain, Instant begin, Instant end) {
    public ReportFileName {
        receiverDomain = normalise(receiverDomain, "receiver domain");
        policyDomain = normalise(policyDomain, "policy domain");
        Objects.requireNonNull(begin, "begin");
        Objects.requireNonNull(end, "end");
    }

    public static ReportFileName of(String receiverDomain, String policyDomain, Instant begin, Instant end) {
        return new ReportFileName(receiverDomain, policyDomain, begin, end);
    }

    /** {@code receiver!policy-domain!begin!end.xml.gz}, for a gzipped report. */
    public String gzipped() {
        return base() + ".xml.gz";
    }

    /** {@code receiver!policy-domain!begin!end.xml}, for an uncompressed report. */
    public String xml() {
        return base() + ".xml";
    }

    @Override
    public String toString() {
        return gzipped();
    }

    private String base() {
        return receiverDomain + "!" + policyDomain + "!" + begin.getEpochSecond() + "!" + end.getEpochSecond();
    }

    private static String normalise(String domain, String what) {
        Objects.requireNonNull(domain, what);
        String value = domain.trim().toLowerCase(Locale.ROOT);
        if (value.endsWith(".")) {
            value = value.substring(0, value.length() - 1);
        }
        if (value.isEmpty() || value.contains("!") || value.contains("/") || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(what + " '" + domain + "' cannot appear in a report file name");
        }
        return value;
    }
}
