package org.herald.core.dkim.keys;

import java.util.Optional;

/**
 * The request does not fit the key's current state: activating a key whose record is not published, deleting an
 * active key, generating a second pending key of one algorithm. Carries the key when there is one, so the answer can
 * show its DNS check.
 */
public final class DkimKeyConflictException extends RuntimeException {
    private final transient DkimKey key;

    public DkimKeyConflictException(String message) {
        this(message, null);
    }

    public DkimKeyConflictException(String message, DkimKey key) {
        super(message);
        this.key = key;
    }

    public Optional<DkimKey> key() {
        return Optional.ofNullable(key);
    }
}
