package org.herald.testpeers;

/**
 * A peer's software is not installed on this machine. The only failure that lets a test be skipped instead of
 * failed: a peer that is installed but does not work is a failure.
 */
public final class PeerUnavailableException extends RuntimeException {
    public PeerUnavailableException(String message) {
        super(message);
    }
}
