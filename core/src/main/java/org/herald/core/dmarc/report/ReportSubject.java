package org.herald.core.dmarc.report;

import java.util.Locale;
import java.util.Objects;

/**
 * The Subject of a report mail, in the form RFC 7489 §7.2.1.1 recommends so that receivers' filters recognise it:
 * {@code Report Domain: <policy-domain> Submitter: <receiver> Report-ID: <id>}, with the id in angle brackets as in
 * the RFC's example ({@code Report-ID: <2002.02.15.1>}).
 */
public final class ReportSubject {
    private ReportSubject() {
    }

    public static String of(String policyDomain, String submitter, String reportId) {
        Objects.requireNonNull(policyDomain, "policyDomain");
        Objects.requireNonNull(submitter, "submitter");
        Objects.requireNonNull(reportId, "reportId");
        String id = reportId.trim();
        if (id.isEmpty() || id.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("report id '" + reportId + "' cannot appear in a Subject header");
        }
        if (!(id.startsWith("<") && id.endsWith(">"))) {
            id = "<" + id + ">";
        }
        return "Report Domain: " + policyDomain.trim().toLowerCase(Locale.ROOT)
            + " Submitter: " + submitter.trim().toLowerCase(Locale.ROOT)
            + " Report-ID: " + id;
    }

    /**
     * Whether a Subject is that of an aggregate report mail. Herald records no evaluation of such mail, so it never
     * reports about reports (and two reporters cannot feed each other a report a day about the previous one).
     */
    public static boolean isReport(String subject) {
        return subject != null && subject.stripLeading().regionMatches(true, 0, "Report Domain:", 0, "Report Domain:".length());
    }
}
