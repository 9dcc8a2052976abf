package org.herald.store;

/** A store operation failed (store unreachable, statement rejected); the cause is the driver's SQLException. */
public final class StoreAccessException extends RuntimeException {
    public StoreAccessException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
