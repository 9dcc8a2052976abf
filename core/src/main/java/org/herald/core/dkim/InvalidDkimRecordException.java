package org.herald.core.dkim;

/** A DKIM key record (the TXT record at {@code <selector>._domainkey.<domain>}) that cannot be used, and why. */
public final class InvalidDkimRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidDkimRecordException(String message) {
        super(message);
    }

    public InvalidDkimRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
