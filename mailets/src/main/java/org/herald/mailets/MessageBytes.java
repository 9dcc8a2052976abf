package org.herald.mailets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

/** A message as the bytes it is written out as (CRLF line ends): what DKIM signs and verifies. */
final class MessageBytes {
    private MessageBytes() {
    }

    static byte[] of(MimeMessage message) throws MessagingException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(message.getSize(), 0) + 1024);
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new MessagingException("Cannot read the message", e);
        }
    }
}
