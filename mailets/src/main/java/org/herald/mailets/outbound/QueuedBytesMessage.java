package org.herald.mailets.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.server.core.MimeMessageInputStream;

import com.sun.mail.smtp.SMTPMessage;

/**
 * What a relay receives in DATA: the queued message's bytes exactly as they are, streamed, never parsed or re-encoded
 * on the way. JavaMail's transport wants an SMTPMessage (it carries the envelope sender); parsing the queued message
 * into one cost a full copy and a header parse per mail. Bcc fields are already gone (the transport processor removes
 * them before relaying), so JavaMail's list of fields to leave out is not needed.
 */
final class QueuedBytesMessage extends SMTPMessage {
    private final MimeMessage queued;

    QueuedBytesMessage(Session session, MimeMessage queued) {
        super(session);
        this.queued = queued;
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
        try (InputStream in = new MimeMessageInputStream(queued)) {
            in.transferTo(out);
        }
    }

    @Override
    public void writeTo(OutputStream out) throws IOException, MessagingException {
        writeTo(out, null);
    }
}
