package org.herald.core.dmarc.outgoing;

import java.util.List;
import java.util.Objects;

import org.herald.core.dmarc.report.AggregateReport;

/** What to do about one policy domain's report for a period: send it (to whom, as what), or not, and why. */
public sealed interface OutgoingReportDecision {
    String policyDomain();

    /**
     * @param recipients  the rua= mailto addresses that passed every check
     * @param skipped     rua= addresses left out, each with the reason
     * @param fileName    the attachment's name, receiver!policy-domain!begin!end.xml.gz
     */
    record Send(String policyDomain, List<String> recipients, List<String> skipped, AggregateReport report, byte[] gzipped,
                String fileName, String subject) implements OutgoingReportDecision {
        public Send {
            Objects.requireNonNull(policyDomain, "policyDomain");
            recipients = List.copyOf(recipients);
            skipped = List.copyOf(skipped);
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(gzipped, "gzipped");
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(subject, "subject");
        }
    }

    record Skipped(String policyDomain, String reason) implements OutgoingReportDecision {
        public Skipped {
            Objects.requireNonNull(policyDomain, "policyDomain");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
