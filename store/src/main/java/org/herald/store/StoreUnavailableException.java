package org.herald.store;

/**
 * Herald's state store cannot be opened or reached. The message names the store and what the operator should check;
 * the cause carries the driver's own error.
 */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
