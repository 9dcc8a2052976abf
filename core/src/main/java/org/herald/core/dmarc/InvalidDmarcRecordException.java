package org.herald.core.dmarc;

/**
 * A DMARC record (the TXT record at {@code _dmarc.<domain>}) that breaks RFC 7489 §6.4, and why, in words a domain
 * owner can act on.
 */
public final class InvalidDmarcRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidDmarcRecordException(String message) {
        super(message);
    }
}
