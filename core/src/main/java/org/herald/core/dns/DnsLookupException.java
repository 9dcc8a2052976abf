package org.herald.core.dns;

/** DNS gave no usable answer (timeout, SERVFAIL, no resolver reachable): temporary, unlike "no such record". */
public final class DnsLookupException extends RuntimeException {
    public DnsLookupException(String message) {
        super(message);
    }

    public DnsLookupException(String message, Throwable cause) {
        super(message, cause);
    }
}
