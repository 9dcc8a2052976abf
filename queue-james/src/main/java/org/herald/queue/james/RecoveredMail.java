package org.herald.queue.james;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

/**
 * Tells mail taken from a queue entry that was already queued when Herald started (recovered from the journal) from
 * mail queued since. Recovered mail may have been worked on before a crash, for instance already moved to the outgoing
 * queue while its spool completion was not yet on disk: whoever would act on it outside a queue (an immediate delivery
 * attempt) sends it through the queue instead, where the move is recognised and not repeated.
 */
public final class RecoveredMail {
    private static final AttributeName RECOVERED = AttributeName.of("herald.queue.recovered");

    private RecoveredMail() {
    }

    static void mark(Mail mail) {
        mail.setAttribute(new Attribute(RECOVERED, AttributeValue.of(true)));
    }

    /** The attribute is not kept in a queue's envelope: it speaks of this start only. */
    static boolean isMarker(String attributeName) {
        return RECOVERED.asString().equals(attributeName);
    }

    public static boolean isRecovered(Mail mail) {
        return mail.getAttribute(RECOVERED).flatMap(attribute -> attribute.getValue().valueAs(Boolean.class)).orElse(false);
    }
}
