package org.herald.core.warmup.feedback;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a feedback report (ARF, RFC 5965) from the raw bytes of a mail that arrived at a feedback address: a
 * {@code multipart/report} with a {@code message/feedback-report} part and the reported message (or its header) after
 * it.
 *
 * <p>Only {@code Feedback-Type} is required: generators that predate RFC 5965 leave out {@code User-Agent} or
 * {@code Version}, and a complaint is worth counting without them. Fields are read from all of the report part, blank
 * lines or not. A mail that is not a feedback report is refused with an {@link InvalidFeedbackException} naming what
 * is missing. Safe to share between threads.
 */
public final class FeedbackReportParser {
    private static final Set<String> REPORT_TYPES = Set.of("message/feedback-report");

    private final ReportMailReader reader;

    public FeedbackReportParser() {
        this(FeedbackLimits.DEFAULTS);
    }

    public FeedbackReportParser(FeedbackLimits limits) {
        this.reader = new ReportMailReader(limits);
    }

    /**
     * @param mail the whole mail as received, header included
     * @throws InvalidFeedbackException when it is not a feedback report Herald can use; the message says why
     */
    public FeedbackReport parse(byte[] mail) {
        Objects.requireNonNull(mail, "mail");
        try {
            return parse(new ByteArrayInputStream(mail));
        } catch (IOException e) {
            throw new UncheckedIOException("reading a byte array cannot fail", e);
        }
    }

    /**
     * Reads only as far as it needs: the body of a returned message is left unread.
     *
     * @throws InvalidFeedbackException when it is not a feedback report Herald can use; the message says why
     * @throws IOException              when {@code mail} cannot be read
     */
    public FeedbackReport parse(InputStream mail) throws IOException {
        Objects.requireNonNull(mail, "mail");
        ReportParts parts = reader.read(mail, REPORT_TYPES);
        FieldBlock fields = new FieldBlock(FieldBlocks.parse(parts.report()).stream()
            .flatMap(block -> block.fields().stream()).toList());
        String feedbackTypeValue = fields.first("Feedback-Type")
            .map(value -> HeaderComments.remove(value).strip().toLowerCase(Locale.ROOT))
            .filter(value -> !value.isEmpty())
            .orElseThrow(() -> new InvalidFeedbackException("message/feedback-report part has no Feedback-Type field"));
        Optional<FieldBlock> original = parts.originalHeader();
        return new FeedbackReport(
            FeedbackType.of(feedbackTypeValue),
            feedbackTypeValue,
            fields.first("User-Agent"),
            fields.first("Version"),
            fields.first("Original-Mail-From").map(MailAddresses::unwrap).filter(sender -> !sender.isEmpty()),
            fields.first("Arrival-Date").or(() -> fields.first("Received-Date")).flatMap(MailDates::parse),
            fields.first("Source-IP").map(ip -> HeaderComments.remove(ip).strip()).filter(ip -> !ip.isEmpty()),
            fields.all("Reported-Domain").stream().map(value -> HeaderComments.remove(value).strip())
                .map(MailAddresses::canonicalDomain).flatMap(Optional::stream).toList(),
            original.flatMap(header -> header.first("Message-ID")).flatMap(MessageIds::canonical),
            recipients(fields, original));
    }

    private static List<ReportedRecipient> recipients(FieldBlock fields, Optional<FieldBlock> original) {
        List<String> rcptTo = fields.all("Original-Rcpt-To");
        if (!rcptTo.isEmpty()) {
            return rcptTo.stream().map(value -> ReportedRecipient.of(value, RecipientSource.ORIGINAL_RCPT_TO)).toList();
        }
        List<String> microsoft = original.map(header -> header.all("X-HmXmrOriginalRecipient")).orElse(List.of());
        if (!microsoft.isEmpty()) {
            return microsoft.stream()
                .map(value -> ReportedRecipient.of(value, RecipientSource.ORIGINAL_RECIPIENT_HEADER)).toList();
        }
        return original.map(header -> header.all("To")).orElse(List.of()).stream()
            .flatMap(to -> MailAddresses.list(to).stream())
            .map(value -> ReportedRecipient.of(value, RecipientSource.TO_HEADER))
            .toList();
    }
}
