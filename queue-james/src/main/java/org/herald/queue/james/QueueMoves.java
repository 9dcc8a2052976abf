package org.herald.queue.james;

import java.util.stream.Collectors;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.herald.queue.engine.QueueEngine;

/**
 * Makes a move between Herald queues idempotent across a crash. A mail taken from a queue entry is marked with that
 * entry (its origin); when it, or a copy James splits off it, is enqueued elsewhere, the new entry is keyed by origin,
 * state and recipients. If the process dies after the new entry is durable but before the origin's completion is,
 * the origin is processed again at restart and the same enqueue finds the entry already there (or already delivered,
 * while its completion is still in the journal), so the mail is not queued or delivered twice.
 */
final class QueueMoves {
    static final AttributeName ORIGIN = AttributeName.of("herald.queue.origin");
    private static final AttributeName DEDUPLICATION_KEY = AttributeName.of(QueueEngine.DEDUPLICATION_ATTRIBUTE);

    private QueueMoves() {
    }

    static void markOrigin(Mail mail, String queueDirectory, String entryId) {
        mail.setAttribute(new Attribute(ORIGIN, AttributeValue.of(queueDirectory + "/" + entryId)));
    }

    /** Keys the mail for the engine when it comes from a queue entry; a mail from SMTP has no origin and no key. */
    static void markDeduplicationKey(Mail mail) {
        mail.getAttribute(ORIGIN)
            .flatMap(origin -> origin.getValue().valueAs(String.class))
            .ifPresentOrElse(origin -> mail.setAttribute(new Attribute(DEDUPLICATION_KEY, AttributeValue.of(origin + "|"
                    + mail.getState() + "|" + mail.getRecipients().stream().map(MailAddress::asString).sorted()
                    .collect(Collectors.joining(","))))),
                () -> mail.removeAttribute(DEDUPLICATION_KEY));
    }
}
