package org.herald.mailets.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import javax.mail.Session;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import org.herald.core.dmarc.DmarcPolicy;
import org.herald.core.dmarc.outgoing.OutgoingReportDecision;
import org.herald.core.dmarc.outgoing.OutgoingReportSettings;
import org.herald.core.dmarc.report.AggregateReport;
import org.herald.core.dmarc.report.AggregateReportParser;
import org.herald.core.dmarc.report.AggregateReportWriter;
import org.herald.core.dmarc.report.AuthResults;
import org.herald.core.dmarc.report.DateRange;
import org.herald.core.dmarc.report.DmarcResult;
import org.herald.core.dmarc.report.Identifiers;
import org.herald.core.dmarc.report.PolicyEvaluated;
import org.herald.core.dmarc.report.PolicyPublished;
import org.herald.core.dmarc.report.ReportFileName;
import org.herald.core.dmarc.report.ReportMetadata;
import org.herald.core.dmarc.report.ReportRecord;
import org.herald.core.dmarc.report.ReportSubject;
import org.herald.core.dmarc.report.Row;
import org.herald.core.dmarc.AlignmentMode;
import org.junit.jupiter.api.Test;

class AggregateReportMessageTest {
    private static final Instant BEGIN = Instant.parse("2026-11-24T00:00:00Z");
    private static final OutgoingReportSettings SETTINGS = new OutgoingReportSettings(true, "herald.test", "postmaster@herald.test",
        Set.of(), 10);

    private static OutgoingReportDecision.Send send() throws Exception {
        AggregateReport report = new AggregateReport(
            new ReportMetadata("herald.test", "postmaster@herald.test", Optional.empty(), "herald.test!example.com!1763942400",
                new DateRange(BEGIN, BEGIN.plus(Duration.ofDays(1))), List.of()),
            new PolicyPublished("example.com", AlignmentMode.RELAXED, AlignmentMode.RELAXED, DmarcPolicy.REJECT, Optional.of(DmarcPolicy.REJECT),
                100, Optional.of("0"), Optional.empty()),
            List.of(new ReportRecord(new Row(InetAddress.getByName("192.0.2.1"), 12,
                new PolicyEvaluated(DmarcPolicy.NONE, DmarcResult.PASS, DmarcResult.FAIL, List.of())),
                new Identifiers(Optional.empty(), Optional.empty(), "example.com"), new AuthResults(List.of(), List.of()))));
        return new OutgoingReportDecision.Send("example.com", List.of("dmarc@example.com", "rua@vendor.example"), List.of(), report,
            new AggregateReportWriter().gzipped(report), ReportFileName.of("herald.test", "example.com", BEGIN,
                BEGIN.plus(Duration.ofDays(1))).gzipped(),
            ReportSubject.of("example.com", "herald.test", report.metadata().reportId()));
    }

    @Test
    void theMailCarriesTheGzippedReportAsTheRfcDescribes() throws Exception {
        OutgoingReportDecision.Send send = send();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        AggregateReportMessage.of(send, SETTINGS, Date.from(BEGIN.plus(Duration.ofDays(1)))).writeTo(wire);

        MimeMessage read = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(wire.toByteArray()));

        assertThat(read.getHeader("From", null)).isEqualTo("postmaster@herald.test");
        assertThat(read.getHeader("To", ",")).isEqualTo("dmarc@example.com, rua@vendor.example");
        assertThat(read.getSubject()).isEqualTo(send.subject());
        assertThat(ReportSubject.isReport(read.getSubject())).isTrue();
        assertThat(read.getMessageID()).matches("<dmarc-[0-9a-f]{32}@herald.test>");
        MimeMultipart parts = (MimeMultipart) read.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat((String) parts.getBodyPart(0).getContent()).contains("about mail claiming to be from example.com");
        MimeBodyPart attachment = (MimeBodyPart) parts.getBodyPart(1);
        assertThat(attachment.getContentType()).startsWith("application/gzip");
        assertThat(attachment.getFileName()).isEqualTo(send.fileName());
        assertThat(attachment.getEncoding()).isEqualTo("base64");
        byte[] xml;
        try (GZIPInputStream gunzip = new GZIPInputStream(attachment.getInputStream())) {
            xml = gunzip.readAllBytes();
        }
        AggregateReport back = new AggregateReportParser().parse(xml);
        assertThat(back).isEqualTo(send.report());
    }
}
