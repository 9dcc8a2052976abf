package org.herald.mailets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.herald.core.warmup.DestinationProviders;
import org.herald.core.warmup.WarmupConfiguration;
import org.herald.core.warmup.WarmupService;
import org.herald.core.warmup.feedback.DeliveryStatusNotification;
import org.herald.core.warmup.feedback.DeliveryStatusNotificationParser;
import org.herald.core.warmup.feedback.DeliveryStatusRecipient;
import org.herald.core.warmup.feedback.FeedbackReport;
import org.herald.core.warmup.feedback.FeedbackReportParser;
import org.herald.core.warmup.feedback.InvalidFeedbackException;
import org.herald.core.warmup.feedback.ReportedRecipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the mail arriving at conf/warmup.xml's addresses into warmup signals (match it with WarmupFeedbackAddress):
 * DSNs (RFC 3464) at the bounce address count a hard bounce for every recipient that failed with 5.x.x, ARF reports
 * (RFC 5965) at the feedback address count a complaint — each against the identity and provider that delivered the
 * message they quote (by Message-ID). The mail is then kept in {@code feedbackRepository}, with what was counted in the
 * attribute {@code herald.warmup.feedback}; mail that is no DSN or ARF report is kept in {@code rejectedRepository}
 * with the reason. Nothing is bounced or lost; the other recipients of the mail go on as usual.
 *
 * <p>Init parameters: {@code feedbackRepository} (file://var/mail/warmup-feedback/), {@code rejectedRepository}
 * (file://var/mail/warmup-feedback-rejected/). Metrics: {@code herald_warmup_feedback_bounces},
 * {@code _complaints}, {@code _unmatched} (a message Herald has no record of delivering), {@code _rejected}.
 */
public class IngestDeliveryFeedback extends GenericMailet {
    public static final AttributeName OUTCOME = AttributeName.of("herald.warmup.feedback");
    private static final Logger LOGGER = LoggerFactory.getLogger("org.herald.warmup");
    private static final int MAX_MAIL_BYTES = 10 * 1024 * 1024;

    private final WarmupService warmup;
    private final WarmupConfiguration configuration;
    private final DestinationProviders providers;
    private final MailRepositoryStore repositories;
    private final MetricFactory metrics;
    private final DeliveryStatusNotificationParser dsns = new DeliveryStatusNotificationParser();
    private final FeedbackReportParser reports = new FeedbackReportParser();
    private MailRepository kept;
    private MailRepository rejected;

    @Inject
    public IngestDeliveryFeedback(WarmupService warmup, MailRepositoryStore repositories, MetricFactory metrics) {
        this.warmup = warmup;
        this.configuration = warmup.configuration();
        this.providers = configuration.providers();
        this.repositories = repositories;
        this.metrics = metrics;
    }

    @Override
    public void init() throws MessagingException {
        kept = repository(getInitParameter("feedbackRepository", "file://var/mail/warmup-feedback/"));
        rejected = repository(getInitParameter("rejectedRepository", "file://var/mail/warmup-feedback-rejected/"));
    }

    private MailRepository repository(String url) throws MessagingException {
        try {
            return repositories.select(MailRepositoryUrl.from(url));
        } catch (Exception e) {
            throw new MessagingException("IngestDeliveryFeedback: cannot open the repository " + url, e);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Herald warmup feedback (DSN and ARF) ingestion";
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        byte[] raw;
        try {
            raw = rawMessage(mail);
        } catch (IOException e) {
            throw new MessagingException("cannot read the feedback mail " + mail.getName(), e);
        }
        List<String> outcomes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            String address = recipient.asString().toLowerCase(Locale.ROOT);
            try {
                if (configuration.bounceAddress().filter(address::equals).isPresent()) {
                    outcomes.add(bounces(dsns.parse(raw)));
                } else if (configuration.feedbackAddress().filter(address::equals).isPresent()) {
                    outcomes.add(complaint(reports.parse(raw)));
                }
            } catch (InvalidFeedbackException e) {
                problems.add(address + ": " + e.reason());
            } catch (RuntimeException e) {
                // The store is down: the mail is kept as rejected, to be fed again by hand, rather than lost.
                problems.add(address + ": not counted (" + e + ")");
            }
        }
        keep(mail, outcomes, problems);
        mail.setState(Mail.GHOST);
    }

    private static byte[] rawMessage(Mail mail) throws MessagingException, IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        byte[] bytes = out.toByteArray();
        return bytes.length > MAX_MAIL_BYTES ? java.util.Arrays.copyOf(bytes, MAX_MAIL_BYTES) : bytes;
    }

    private String bounces(DeliveryStatusNotification dsn) {
        List<DeliveryStatusRecipient> hard = dsn.hardBounces();
        if (hard.isEmpty()) {
            return "DSN without a hard bounce (" + dsn.recipients().size() + " recipient(s)): nothing counted";
        }
        if (dsn.originalMessageId().isEmpty()) {
            metrics.generate("herald_warmup_feedback_unmatched").increment();
            return "DSN for " + hard.size() + " hard bounce(s) quoting no Message-ID: not matched";
        }
        int matched = 0;
        for (DeliveryStatusRecipient recipient : hard) {
            Optional<String> provider = recipient.recipientDomain().flatMap(this::provider);
            if (provider.isPresent() && warmup.hardBounceReported(dsn.originalMessageId().get(), provider.get())) {
                matched++;
                metrics.generate("herald_warmup_feedback_bounces").increment();
            } else {
                metrics.generate("herald_warmup_feedback_unmatched").increment();
            }
        }
        return "DSN for " + dsn.originalMessageId().get() + ": " + matched + " of " + hard.size() + " hard bounce(s) counted";
    }

    private String complaint(FeedbackReport report) {
        if (!report.isComplaint()) {
            return "feedback report of type " + report.feedbackTypeValue() + ": not a complaint, nothing counted";
        }
        Optional<String> provider = report.recipients().stream().map(ReportedRecipient::domain).flatMap(Optional::stream)
            .map(this::provider).flatMap(Optional::stream).findFirst();
        if (report.originalMessageId().isPresent() && provider.isPresent()
            && warmup.complaintReported(report.originalMessageId().get(), provider.get())) {
            metrics.generate("herald_warmup_feedback_complaints").increment();
            return "complaint (" + report.feedbackTypeValue() + ") about " + report.originalMessageId().get() + " counted";
        }
        metrics.generate("herald_warmup_feedback_unmatched").increment();
        return "complaint (" + report.feedbackTypeValue() + ") about " + report.originalMessageId().orElse("no Message-ID")
            + ": no delivery of it by a warming identity";
    }

    private Optional<String> provider(String domain) {
        try {
            return Optional.of(providers.providerOf(domain));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void keep(Mail mail, List<String> outcomes, List<String> problems) throws MessagingException {
        MailImpl copy = MailImpl.duplicate(mail);
        try {
            if (problems.isEmpty()) {
                copy.setAttribute(new Attribute(OUTCOME, AttributeValue.of(String.join("; ", outcomes))));
                LOGGER.info("Warmup feedback mail {}: {}", mail.getName(), String.join("; ", outcomes));
                kept.store(copy);
            } else {
                metrics.generate("herald_warmup_feedback_rejected").increment();
                String reason = String.join("; ", problems);
                copy.setAttribute(new Attribute(OUTCOME, AttributeValue.of(reason)));
                LOGGER.warn("Warmup feedback mail {} kept in the rejected repository: {}", mail.getName(), reason);
                rejected.store(copy);
            }
        } finally {
            copy.dispose();
        }
    }
}
