package org.herald.core.warmup.feedback;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a delivery status notification (RFC 3464) from the raw bytes of a mail that arrived at a bounce address:
 * a {@code multipart/report} with a {@code message/delivery-status} part ({@code message/global-delivery-status} in
 * RFC 6533's internationalised form), and usually the returned message or its header.
 *
 * <p>Tolerant of what real MTAs send: folded fields, any case, CRLF or LF, {@code rfc822;} with or without spaces and
 * angle brackets, a recipient group not separated from the per-message fields or from the next recipient by a blank
 * line (a repeated {@code Final-Recipient}, {@code Original-Recipient}, {@code Action} or {@code Status} then starts a
 * new recipient), and a {@code Status} given only inside {@code Diagnostic-Code}. A mail that is not a DSN, or that
 * has no recipient fields, is refused with an {@link InvalidFeedbackException} naming what is missing. Safe to share
 * between threads.
 */
public final class DeliveryStatusNotificationParser {
    private static final Set<String> REPORT_TYPES = Set.of("message/delivery-status",
        "message/global-delivery-status");
    /** Fields that only a recipient group has; one of them repeated within a group starts the next recipient. */
    private static final List<String> RECIPIENT_KEYS = List.of("final-recipient", "original-recipient", "action",
        "status");

    private final ReportMailReader reader;

    public DeliveryStatusNotificationParser() {
        this(FeedbackLimits.DEFAULTS);
    }

    public DeliveryStatusNotificationParser(FeedbackLimits limits) {
        this.reader = new ReportMailReader(limits);
    }

    /**
     * @param mail the whole mail as received, header included
     * @throws InvalidFeedbackException when it is not a DSN Herald can use; the message says why
     */
    public DeliveryStatusNotification parse(byte[] mail) {
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
     * @throws InvalidFeedbackException when it is not a DSN Herald can use; the message says why
     * @throws IOException              when {@code mail} cannot be read
     */
    public DeliveryStatusNotification parse(InputStream mail) throws IOException {
        Objects.requireNonNull(mail, "mail");
        ReportParts parts = reader.read(mail, REPORT_TYPES);
        List<FieldBlock> blocks = FieldBlocks.parse(parts.report());
        List<DeliveryStatusRecipient> recipients = recipients(blocks);
        if (recipients.isEmpty()) {
            throw new InvalidFeedbackException(parts.reportType() + " part has no per-recipient fields "
                + "(Final-Recipient, Action, Status)");
        }
        Optional<String> messageId = parts.originalHeader().flatMap(header -> header.first("Message-ID"))
            .flatMap(MessageIds::canonical)
            .or(() -> firstField(blocks, "X-Original-Message-ID").flatMap(MessageIds::canonical));
        return new DeliveryStatusNotification(messageId, recipients,
            firstField(blocks, "Reporting-MTA").map(MailAddresses::fromTypedField).filter(v -> !v.isEmpty()),
            firstField(blocks, "Original-Envelope-Id"));
    }

    private static List<DeliveryStatusRecipient> recipients(List<FieldBlock> blocks) {
        List<DeliveryStatusRecipient> recipients = new ArrayList<>();
        for (FieldBlock block : blocks) {
            List<ReportField> group = new ArrayList<>();
            Set<String> keysInGroup = new HashSet<>();
            for (ReportField field : block.fields()) {
                String name = field.name().toLowerCase(Locale.ROOT);
                if (RECIPIENT_KEYS.contains(name) && !keysInGroup.add(name)) {
                    addRecipient(recipients, group);
                    group = new ArrayList<>();
                    keysInGroup.clear();
                    keysInGroup.add(name);
                }
                group.add(field);
            }
            if (!keysInGroup.isEmpty()) {
                addRecipient(recipients, group);
            }
        }
        return recipients;
    }

    private static void addRecipient(List<DeliveryStatusRecipient> recipients, List<ReportField> fields) {
        FieldBlock group = new FieldBlock(fields);
        Optional<String> diagnostic = group.first("Diagnostic-Code").map(v -> v.replaceAll("\\s+", " "));
        recipients.add(new DeliveryStatusRecipient(
            address(group, "Final-Recipient"),
            address(group, "Original-Recipient"),
            group.first("Action").map(DeliveryAction::of).orElse(DeliveryAction.UNKNOWN),
            status(group.first("Status"), diagnostic),
            diagnostic));
    }

    private static Optional<String> address(FieldBlock group, String name) {
        return group.first(name).map(MailAddresses::fromTypedField).filter(address -> !address.isEmpty());
    }

    /**
     * The Status field's code, read leniently ({@code 5.1.1 (bad mailbox)}, or a bare {@code 550} some MTAs write);
     * when it gives none, the code in the diagnostic text after its type ({@code smtp; 550-5.1.1 …}).
     */
    private static Optional<EnhancedStatusCode> status(Optional<String> statusField, Optional<String> diagnostic) {
        Optional<EnhancedStatusCode> fromStatus = statusField.flatMap(value -> EnhancedStatusCode.find(value)
            .or(() -> EnhancedStatusCode.fromReplyCode(HeaderComments.remove(value))));
        if (fromStatus.isPresent()) {
            return fromStatus;
        }
        return diagnostic.map(DeliveryStatusNotificationParser::diagnosticText)
            .flatMap(text -> EnhancedStatusCode.find(text).or(() -> EnhancedStatusCode.fromReplyCode(text)));
    }

    /** {@code smtp; 550 …} → {@code 550 …}; a value without a type is taken whole. */
    private static String diagnosticText(String diagnostic) {
        int semicolon = diagnostic.indexOf(';');
        return (semicolon >= 0 ? diagnostic.substring(semicolon + 1) : diagnostic).strip();
    }

    private static Optional<String> firstField(List<FieldBlock> blocks, String name) {
        return blocks.stream().map(block -> block.first(name)).flatMap(Optional::stream).findFirst();
    }
}
