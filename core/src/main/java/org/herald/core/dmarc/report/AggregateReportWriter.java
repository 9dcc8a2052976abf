package org.herald.core.dmarc.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an {@link AggregateReport} as RFC 7489 Appendix C XML: no namespace (what every receiver sends and every
 * report reader expects), UTF-8, elements in the schema's order, {@code <version>1.0</version>} first.
 *
 * <p>Where the schema requires an element the model may lack, the writer writes what is in effect rather than
 * inventing data: {@code sp} and {@code fo} get their RFC 7489 §6.3 defaults, and an unknown {@code envelope_from}
 * is written empty. {@code np} (RFC 9091) is written only when published, since the RFC 7489 schema predates it; a
 * missing SPF scope is left out. Text is escaped, and characters XML 1.0 cannot carry (control characters, lone
 * surrogates) become U+FFFD so that a hostile header value can never make the report unparseable.
 *
 * <p>Hand-written rather than through {@code XMLStreamWriter}: the JDK writer escapes markup but passes control
 * characters through, producing XML that no parser accepts.
 */
public final class AggregateReportWriter {
    private static final String INDENT = "  ";

    /** The report as an XML document. */
    public String xml(AggregateReport report) {
        Output out = new Output();
        out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.open(0, "feedback");
        out.leaf(1, "version", "1.0");
        writeMetadata(out, report.metadata());
        writePolicy(out, report.policy());
        for (ReportRecord record : report.records()) {
            writeRecord(out, record);
        }
        out.close(0, "feedback");
        return out.toString();
    }

    /** The report as UTF-8 bytes, for a {@code .xml} attachment. */
    public byte[] utf8(AggregateReport report) {
        return xml(report).getBytes(StandardCharsets.UTF_8);
    }

    /** The report gzipped, for the {@code .xml.gz} attachment RFC 7489 §7.2.1.1 names. */
    public byte[] gzipped(AggregateReport report) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(buffer)) {
            gzip.write(utf8(report));
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory failed", e);
        }
        return buffer.toByteArray();
    }

    private static void writeMetadata(Output out, ReportMetadata metadata) {
        out.open(1, "report_metadata");
        out.leaf(2, "org_name", metadata.orgName());
        out.leaf(2, "email", metadata.email());
        out.optionalLeaf(2, "extra_contact_info", metadata.extraContactInfo());
        out.leaf(2, "report_id", metadata.reportId());
        out.open(2, "date_range");
        out.leaf(3, "begin", Long.toString(metadata.dateRange().begin().getEpochSecond()));
        out.leaf(3, "end", Long.toString(metadata.dateRange().end().getEpochSecond()));
        out.close(2, "date_range");
        for (String error : metadata.errors()) {
            out.leaf(2, "error", error);
        }
        out.close(1, "report_metadata");
    }

    private static void writePolicy(Output out, PolicyPublished policy) {
        out.open(1, "policy_published");
        out.leaf(2, "domain", policy.domain());
        out.leaf(2, "adkim", policy.adkim().tag());
        out.leaf(2, "aspf", policy.aspf().tag());
        out.leaf(2, "p", policy.p().tag());
        out.leaf(2, "sp", policy.effectiveSp().tag());
        out.leaf(2, "pct", Integer.toString(policy.pct()));
        out.leaf(2, "fo", policy.effectiveFo());
        policy.np().ifPresent(np -> out.leaf(2, "np", np.tag()));
        out.close(1, "policy_published");
    }

    private static void writeRecord(Output out, ReportRecord record) {
        out.open(1, "record");
        Row row = record.row();
        out.open(2, "row");
        out.leaf(3, "source_ip", IpLiteral.format(row.sourceIp()));
        out.leaf(3, "count", Long.toString(row.count()));
        PolicyEvaluated evaluated = row.policyEvaluated();
        out.open(3, "policy_evaluated");
        out.leaf(4, "disposition", evaluated.disposition().tag());
        out.leaf(4, "dkim", evaluated.dkim().token());
        out.leaf(4, "spf", evaluated.spf().token());
        for (PolicyOverrideReason reason : evaluated.reasons()) {
            out.open(4, "reason");
            out.leaf(5, "type", reason.type().token());
            out.optionalLeaf(5, "comment", reason.comment());
            out.close(4, "reason");
        }
        out.close(3, "policy_evaluated");
        out.close(2, "row");

        Identifiers identifiers = record.identifiers();
        out.open(2, "identifiers");
        out.optionalLeaf(3, "envelope_to", identifiers.envelopeTo());
        out.leaf(3, "envelope_from", identifiers.envelopeFrom().orElse(""));
        out.leaf(3, "header_from", identifiers.headerFrom());
        out.close(2, "identifiers");

        out.open(2, "auth_results");
        for (DkimAuthResult dkim : record.authResults().dkim()) {
            out.open(3, "dkim");
            out.leaf(4, "domain", dkim.domain());
            out.optionalLeaf(4, "selector", dkim.selector());
            out.leaf(4, "result", dkim.result().token());
            out.optionalLeaf(4, "human_result", dkim.humanResult());
            out.close(3, "dkim");
        }
        for (SpfAuthResult spf : record.authResults().spf()) {
            out.open(3, "spf");
            out.leaf(4, "domain", spf.domain());
            out.optionalLeaf(4, "scope", spf.scope().map(SpfScope::token));
            out.leaf(4, "result", spf.result().token());
            out.close(3, "spf");
        }
        out.close(2, "auth_results");
        out.close(1, "record");
    }

    /** An indenting XML text builder that escapes every value it is given. */
    private static final class Output {
        private final StringBuilder text = new StringBuilder(4096);

        void raw(String value) {
            text.append(value);
        }

        void open(int depth, String name) {
            text.append(INDENT.repeat(depth)).append('<').append(name).append(">\n");
        }

        void close(int depth, String name) {
            text.append(INDENT.repeat(depth)).append("</").append(name).append(">\n");
        }

        void leaf(int depth, String name, String value) {
            text.append(INDENT.repeat(depth)).append('<').append(name).append('>');
            escape(value);
            text.append("</").append(name).append(">\n");
        }

        void optionalLeaf(int depth, String name, Optional<String> value) {
            value.ifPresent(v -> leaf(depth, name, v));
        }

        private void escape(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '&' -> text.append("&amp;");
                    case '<' -> text.append("&lt;");
                    case '>' -> text.append("&gt;");
                    case '"' -> text.append("&quot;");
                    case '\'' -> text.append("&apos;");
                    default -> {
                        if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                            text.append(c).append(value.charAt(++i));
                        } else if (allowedInXml(c)) {
                            text.append(c);
                        } else {
                            text.append('\uFFFD');
                        }
                    }
                }
            }
        }

        /** XML 1.0 §2.2 Char, for single UTF-16 units (paired surrogates are handled by the caller). */
        private static boolean allowedInXml(char c) {
            return c == '\t' || c == '\n' || c == '\r'
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
