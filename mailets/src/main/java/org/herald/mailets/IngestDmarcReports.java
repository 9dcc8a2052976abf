package org.herald.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.BodyPart;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;

import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.herald.core.dmarc.report.AggregateReport;
import org.herald.core.dmarc.report.AggregateReportParser;
import org.herald.core.dmarc.report.InvalidReportException;
import org.herald.core.dmarc.report.ReportAttachments;
import org.herald.core.dmarc.report.ReportDocument;
import org.herald.core.store.DmarcReportStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the DMARC aggregate reports other receivers mail to Herald's report addresses (match them in
 * mailetcontainer.xml) and stores them for GET /dmarc/...: attachments {@code .xml}, {@code .xml.gz}, {@code .zip}, or
 * the XML inline, in the RFC 7489 or DMARCbis form; a report already stored (same reporter and report id) is counted
 * once. Mail that yields no report — malformed XML, another schema, a zip bomb, a huge file, no attachment — or that
 * cannot be stored right now is kept in {@code rejectedRepository} with the reason (attribute
 * {@code herald.dmarc.rejected}), never lost and never bounced to the reporter. Consumed mail goes no further.
 *
 * <p>Init parameters: {@code rejectedRepository} (file://var/mail/dmarc-rejected/). Metrics:
 * {@code herald_dmarc_reports_ingested}, {@code _duplicate}, {@code _rejected}, {@code herald_dmarc_report_records}.
 */
public class IngestDmarcReports extends GenericMailet {
    public static final AttributeName REJECTED = AttributeName.of("herald.dmarc.rejected");
    private static final Logger LOGGER = LoggerFactory.getLogger("org.herald.dmarc");
    /** The largest part read into memory; ReportAttachments' own limit on compressed input is the same. */
    private static final int MAX_PART_BYTES = 10 * 1024 * 1024;

    private final DmarcReportStore reports;
    private final MailRepositoryStore repositories;
    private final MetricFactory metrics;
    private final Clock clock;
    private final ReportAttachments attachments = new ReportAttachments();
    private final AggregateReportParser parser = new AggregateReportParser();
    private MailRepository rejected;

    @Inject
    public IngestDmarcReports(DmarcReportStore reports, MailRepositoryStore repositories, MetricFactory metrics, Clock clock) {
        this.reports = reports;
        this.repositories = repositories;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void init() throws MessagingException {
        String url = getInitParameter("rejectedRepository", "file://var/mail/dmarc-rejected/");
        try {
            rejected = repositories.select(MailRepositoryUrl.from(url));
        } catch (Exception e) {
            throw new MessagingException("IngestDmarcReports: cannot open the repository " + url, e);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Herald DMARC aggregate report ingestion";
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        String from = mail.getMaybeSender().asOptional().map(Object::toString).orElse("<>");
        List<String> problems = new ArrayList<>();
        int stored = 0;
        try {
            List<ReportDocument> documents = new ArrayList<>();
            for (Candidate candidate : candidates(mail.getMessage())) {
                try {
                    documents.addAll(attachments.documents(candidate.fileName(), candidate.bytes()));
                } catch (InvalidReportException e) {
                    problems.add(candidate.describe() + ": " + e.getMessage());
                }
            }
            for (ReportDocument document : documents) {
                try {
                    AggregateReport report = parser.parse(document.xml());
                    if (reports.save(report, from, clock.instant()).isPresent()) {
                        stored++;
                        metrics.generate("herald_dmarc_reports_ingested").increment();
                        metrics.generate("herald_dmarc_report_records").add(report.records().size());
                        LOGGER.info("DMARC report {} from {} about {} stored ({} messages)", report.metadata().reportId(),
                            report.metadata().orgName(), report.policy().domain(), report.messageCount());
                    } else {
                        stored++;
                        metrics.generate("herald_dmarc_reports_duplicate").increment();
                    }
                } catch (InvalidReportException e) {
                    problems.add(document.source() + ": " + e.getMessage());
                }
            }
            if (documents.isEmpty() && problems.isEmpty()) {
                problems.add("no XML, .xml.gz or .zip report in the message");
            }
        } catch (IOException | RuntimeException e) {
            problems.add("not stored, to be ingested again from the repository: " + e);
        }
        if (!problems.isEmpty()) {
            reject(mail, String.join("; ", problems));
        }
        if (stored > 0 || !problems.isEmpty()) {
            mail.setState(Mail.GHOST);
        }
    }

    private void reject(Mail mail, String reason) throws MessagingException {
        metrics.generate("herald_dmarc_reports_rejected").increment();
        LOGGER.warn("DMARC report mail {} from {} kept in the rejected repository: {}", mail.getName(),
            mail.getMaybeSender().asString(), reason);
        mail.setAttribute(new Attribute(REJECTED, AttributeValue.of(reason)));
        rejected.store(mail);
    }

    /** A part that may hold a report: its file name, if any, and its decoded bytes (at most MAX_PART_BYTES). */
    private record Candidate(Optional<String> fileName, byte[] bytes, String type) {
        String describe() {
            return fileName.orElse(type);
        }
    }

    private static List<Candidate> candidates(Part part) throws MessagingException, IOException {
        List<Candidate> found = new ArrayList<>();
        collect(part, found, 0);
        return found;
    }

    private static void collect(Part part, List<Candidate> found, int depth) throws MessagingException, IOException {
        if (depth > 5) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, found, depth + 1);
            }
            return;
        }
        String type = part.getContentType() == null ? "" : part.getContentType().toLowerCase(java.util.Locale.ROOT);
        Optional<String> name = Optional.ofNullable(part.getFileName());
        boolean looksLikeReport = name.isPresent() || type.contains("xml") || type.contains("zip") || type.contains("gzip")
            || type.contains("octet-stream");
        if (looksLikeReport) {
            try (InputStream in = part.getInputStream()) {
                byte[] bytes = in.readNBytes(MAX_PART_BYTES + 1);
                found.add(new Candidate(name, bytes, type.split(";")[0]));
            }
        }
    }
}
