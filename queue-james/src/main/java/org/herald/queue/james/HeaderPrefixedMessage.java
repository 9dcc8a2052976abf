package org.herald.queue.james;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.Objects;

import javax.mail.MessagingException;

import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.james.server.core.MimeMessageSource;
import org.apache.james.server.core.MimeMessageWrapper;

/**
 * A message made of header fields put in front of another, unchanged message: DKIM-Signature fields in front of the
 * message they sign. Its bytes are the fields, then the other message's bytes exactly. Herald's queue stores one whose
 * other message is a queued body by keeping the fields in the entry's envelope and sharing the body file, so signing a
 * relayed mail costs no copy of it; anywhere else it is an ordinary message.
 */
public final class HeaderPrefixedMessage extends MimeMessageWrapper {
    private final byte[] headerFields;
    private final MimeMessageWrapper original;

    private HeaderPrefixedMessage(byte[] headerFields, MimeMessageWrapper original) throws MessagingException {
        super(new PrefixedSource(headerFields, original));
        this.headerFields = headerFields;
        this.original = original;
    }

    /** Whether {@code message} can be kept by reference: a message read from a source and not changed since. */
    public static boolean canPrefix(javax.mail.internet.MimeMessage message) {
        return message instanceof MimeMessageWrapper wrapper && !wrapper.isModified();
    }

    /**
     * {@code headerFields} (complete fields, each ending in CRLF) in front of {@code message}, which must be unchanged
     * ({@link #canPrefix}) and must not change afterwards. Fields in front of a prefixed message join its own.
     */
    public static HeaderPrefixedMessage prefix(byte[] headerFields, MimeMessageWrapper message) throws MessagingException {
        Objects.requireNonNull(headerFields, "headerFields");
        if (!canPrefix(message)) {
            throw new IllegalArgumentException("only an unchanged message can be prefixed, not a copy of it");
        }
        if (message instanceof HeaderPrefixedMessage prefixed) {
            byte[] joined = Arrays.copyOf(headerFields, headerFields.length + prefixed.headerFields.length);
            System.arraycopy(prefixed.headerFields, 0, joined, headerFields.length, prefixed.headerFields.length);
            return new HeaderPrefixedMessage(joined, prefixed.original);
        }
        return new HeaderPrefixedMessage(headerFields.clone(), message);
    }

    /** The fields in front. */
    public byte[] headerFields() {
        return headerFields.clone();
    }

    /** The message behind the fields. */
    public MimeMessageWrapper original() {
        return original;
    }

    private static final class PrefixedSource implements MimeMessageSource {
        private final byte[] headerFields;
        private final MimeMessageWrapper original;

        PrefixedSource(byte[] headerFields, MimeMessageWrapper original) {
            this.headerFields = headerFields;
            this.original = original;
        }

        @Override
        public String getSourceId() {
            return "herald-prefixed:" + original.getSourceId();
        }

        @Override
        public InputStream getInputStream() throws IOException {
            try {
                return new SequenceInputStream(new ByteArrayInputStream(headerFields), new MimeMessageInputStream(original));
            } catch (MessagingException e) {
                throw new IOException("Cannot read the message behind the prefixed header fields: " + e.getMessage(), e);
            }
        }

        @Override
        public long getMessageSize() throws IOException {
            try {
                return headerFields.length + original.getMessageSize();
            } catch (MessagingException e) {
                throw new IOException("Cannot size the message behind the prefixed header fields: " + e.getMessage(), e);
            }
        }
    }
}
